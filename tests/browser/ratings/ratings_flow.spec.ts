import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice
const base = () => `http://rankbrowser.localhost:${PORT}`

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies()
  await page.goto(`${base()}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

test.group('Ratings | browser | rating, editions, import, alert → order', (group) => {
  group.setup(async () => {
    office = await ordersOffice('rankbrowser')
  })

  test('the head sets up a rating, imports two editions and turns a drop into an order', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage()
    await signInAs(page, office.head.email)
    await page.getByText('Меню').click()
    await page.locator('summary', { hasText: 'Мониторинг' }).click()
    await page.getByRole('link', { name: 'Рейтинги' }).click()
    await page.getByLabel('Код').fill('KPI')
    await page.getByLabel('Название').fill('Эффективность губернаторов')
    await page.getByLabel('Сигнал при падении на, мест').fill('3')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Рейтинг создан.').waitFor()

    const indicator = page.locator('form[action$="/indicators"]')
    await indicator.getByLabel('Код').fill('D1')
    await indicator.getByLabel('Название показателя').fill('Доверие к власти')
    await indicator.getByLabel('Ответственное подразделение').selectOption({ label: 'Минздрав' })
    await indicator.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Показатель добавлен.').waitFor()

    for (const [period, date, rank] of [['2024', '2024-05-01', '10'], ['2025', '2025-05-01', '15']]) {
      const edition = page.locator('form[action$="/editions"]')
      await edition.getByLabel('Период').fill(period)
      await edition.getByLabel('Дата публикации').fill(date)
      await edition.getByRole('button', { name: 'Сохранить' }).click()
      await page.getByText('Выпуск добавлен.').waitFor()
      await page.locator('#field-file').setInputFiles({ name: `kpi-${period}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`Код показателя;Место\nD1;${rank}\n`) })
      await page.getByRole('button', { name: 'Загрузить' }).click()
      await page.getByText('Загружено строк: 1 из 1.').waitFor()
      await page.getByRole('link', { name: 'KPI' }).click()
    }

    await page.getByText('Падение на 5 мест(а): 10 → 15').waitFor()
    await page.getByRole('button', { name: 'Создать поручение' }).click()
    await page.getByText('выдано ответственному подразделению').waitFor()
    await page.getByRole('link', { name: /^Поручение / }).click()
    await page.waitForURL(/\/orders\/\d+$/)
    assert.include(await page.locator('main').innerText(), 'Доверие к власти')
    assert.include(await page.locator('main').innerText(), 'Минздрав')
    const wide = await page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1')
    assert.isFalse(wide, 'no sideways scrolling at 360 px')
  }).timeout(90_000)
})
