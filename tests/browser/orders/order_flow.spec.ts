import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies()
  await page.goto(`http://ordbrowser.localhost:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

test.group('Orders | browser | create, delegate, report, accept', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ordbrowser')
  })

  test('an order travels from the head to a department and back', async ({ browser, assert }) => {
    const page = await (await browser.newContext()).newPage()

    // the head writes and issues the order
    await signInAs(page, office.head.email)
    await page.locator('summary', { hasText: 'Поручения' }).click()
    await page.getByRole('link', { name: 'Поручения', exact: true }).click()
    await page.getByRole('link', { name: 'Новое поручение' }).click()
    await page.getByLabel('Текст поручения').fill('Подготовить поликлиники к эпидсезону')
    await page.getByLabel('Как задан срок').selectOption('promptly')
    await page.getByLabel('Ответственный исполнитель').selectOption({ label: 'Минздрав' })
    await page.getByRole('button', { name: 'Выдать поручение' }).click()
    await page.waitForURL(/\/orders\/\d+$/)
    await page.getByText('Выдано', { exact: true }).first().waitFor()
    const orderUrl = page.url()

    // the health department head delegates part of it to a person of the department (the picker offers only those below)
    await signInAs(page, office.healthHead.email)
    await page.goto(orderUrl)
    const delegate = page.locator('form[action$="/delegate"]')
    await delegate.getByLabel('Текст поручения исполнителям').fill('Расчистить подъезды к поликлиникам')
    await delegate.getByLabel('Как задан срок').selectOption('urgent')
    assert.equal(await delegate.locator('option', { hasText: 'Дороги' }).count(), 0)
    await delegate.getByLabel('Ответственный исполнитель').selectOption({ value: `user:${office.healthExecutor.id}` })
    await delegate.getByRole('button', { name: 'Поручить нижестоящим' }).click()
    await page.waitForURL(/\/orders\/\d+$/)
    assert.notEqual(page.url(), orderUrl)

    // and reports on the original order
    await page.goto(orderUrl)
    await page.getByText('Дерево поручений').waitFor()
    const report = page.locator('form[action$="/report"]')
    await report.getByLabel('Отчёт').fill('Поликлиники готовы, запасы вакцин пополнены.')
    await report.getByRole('button', { name: 'Отправить' }).click()
    await page.getByText('Отчёт направлен автору.').waitFor()

    // the head accepts the report
    await signInAs(page, office.head.email)
    await page.goto(orderUrl)
    // the sub-order is still open: the review form lists it and asks to confirm
    await page.locator('[data-open-sub-orders]').waitFor()
    await page.getByLabel('Подтверждаю: закрыть поручение, хотя нижестоящие не исполнены').check()
    await page.getByRole('button', { name: 'Принять отчёт' }).click()
    await page.getByText('Отчёт принят, поручение исполнено.').waitFor()
    await page.getByText('Исполнено', { exact: true }).first().waitFor()
    const timeline = await page.locator('.timeline').innerText()
    assert.include(timeline, 'отчёт принят')
    assert.include(timeline, 'поручено нижестоящим')
  }).timeout(90_000)
})
