import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies()
  await page.goto(`http://mediabrowser.localhost:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

test.group('Media | browser | enter a publication, see it in the trends', (group) => {
  group.setup(async () => {
    office = await ordersOffice('mediabrowser')
  })

  test('a publication entered by hand appears in the filtered dashboard with its chart', async ({ browser, assert }) => {
    const page = await (await browser.newContext()).newPage()
    await signInAs(page, office.head.email)
    await page.goto(`http://mediabrowser.localhost:${PORT}/media`)
    await page.getByRole('link', { name: 'Ввести или загрузить' }).click()
    await page.getByLabel('Издание').fill('Кубанские новости')
    await page.getByLabel('Дата').fill(new Date().toISOString().slice(0, 10))
    await page.getByLabel('Заголовок').fill('Минздрав открыл новую поликлинику')
    await page.getByLabel('Ссылка').fill('https://kubnews.example/clinic')
    await page.getByLabel('Тема').fill('Здравоохранение')
    await page.getByLabel('Тональность').selectOption('positive')
    await page.getByLabel('Упомянутые подразделения').selectOption({ label: 'Минздрав' })
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Публикация добавлена.').waitFor()

    await page.getByLabel('Тема', { exact: true }).selectOption('Здравоохранение')
    await page.getByRole('button', { name: 'Показать' }).click()
    await page.waitForURL(/topic=/)
    await page.getByRole('link', { name: 'Минздрав открыл новую поликлинику' }).waitFor()
    // Chart.js took over the canvases (it styles each one it draws into)
    await page.waitForFunction(`[...document.querySelectorAll('canvas[data-trend]')].every((canvas) => canvas.style.display === 'block')`)
    const drawn = await page.evaluate<number>(`document.querySelectorAll('canvas[data-trend]').length`)
    assert.isAtLeast(drawn, 2)
    assert.include(await page.locator('main').innerText(), 'Минздрав')
  }).timeout(90_000)
})
