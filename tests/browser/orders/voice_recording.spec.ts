import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#tests/helpers/chromium'
import { test } from '@japa/runner'
import { chromium, type Browser } from 'playwright'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'
import Order from '#modules/orders/models/order'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'

const PORT = process.env.PORT
let office: OrdersOffice
let browser: Browser

test.group('Orders | browser | new order by voice', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ordvoicerec')
    // a browser of its own: Chromium's fake microphone (a steady tone) needs launch flags
    browser = await chromium.launch({
      headless: true,
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    })
    return () => browser.close()
  })

  test('the head records an order on a phone; a draft with a playable recording is created', async ({ assert }) => {
    const origin = `http://ordvoicerec.localhost:${PORT}`
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    await context.grantPermissions(['microphone'], { origin })
    const page = await context.newPage()
    await page.goto(`${origin}/login`)
    await page.getByLabel('Электронная почта').fill(office.head.email)
    await page.getByLabel('Пароль').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.waitForURL(/\/dashboard$/)

    await page.goto(`${origin}/orders`)
    await page.getByRole('link', { name: 'Поручение голосом' }).click()
    await page.getByRole('button', { name: 'Записать с микрофона' }).click()
    await page.getByText('Идёт запись…').waitFor()
    await page.waitForTimeout(1500) // speak for a moment (the fake microphone beeps)
    await page.getByRole('button', { name: 'Остановить запись' }).click()
    await page.getByText(/Запись готова: \d+ с/).waitFor()
    assert.equal(await page.locator('#voice-order-audio').evaluate((input: any) => input.files.length as number), 1)

    await page.getByLabel('Ответственный исполнитель').selectOption({ label: 'Минздрав' })
    await page.getByRole('button', { name: 'Создать черновик' }).click()
    await page.waitForURL(/\/orders\/\d+(#voice)?$/)
    await page.getByText(/Черновик .* с голосовой записью сохранён/).waitFor()
    const orderId = Number(new URL(page.url()).pathname.split('/').pop())

    const [note] = await inOffice(office, () => OrderVoiceNote.query().where('order_id', orderId).preload('attachment'))
    assert.equal(note.attachment.mimeType, 'audio/webm')
    assert.isAbove(note.attachment.size, 1000)
    const order = await inOffice(office, () => Order.findOrFail(orderId))
    assert.equal(order.status, 'draft')

    // the player loads the recording from the server
    const player = page.locator(`audio[src="/orders/${orderId}/voice/${note.id}/audio"]`)
    await player.waitFor()
    await player.evaluate(
      (audio: any) => new Promise<void>((resolve, reject) => {
        if (audio.readyState >= 1) return resolve()
        audio.addEventListener('loadedmetadata', () => resolve(), { once: true })
        audio.addEventListener('error', () => reject(new Error('audio failed to load')), { once: true })
        audio.load()
      })
    )
    await context.close()
  }).timeout(90_000)
})
