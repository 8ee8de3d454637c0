import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { keywordDeadlines } from '#modules/orders/actions/create_order'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies()
  await page.goto(`http://ordbar.localhost:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

test.group('Orders | browser | deadline keyword preview and the action bar', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ordbar')
  })

  test('choosing a keyword shows its date at once and hides the date field; the executor\'s bar starts with "Принять в работу"', async ({ browser, assert }) => {
    const dates = await inOffice(office, () => keywordDeadlines())
    const page = await (await browser.newContext()).newPage()
    await signInAs(page, office.head.email)
    await page.goto(`http://ordbar.localhost:${PORT}/orders/new`)

    const keyword = page.getByLabel('Как задан срок')
    const preview = page.locator('#order-deadline-preview')
    const dateField = page.locator('#order-deadline')
    // "a specific date" is the default: the date field, no preview
    await dateField.waitFor({ state: 'visible' })
    assert.isFalse(await preview.isVisible())

    await keyword.selectOption('urgent')
    await preview.waitFor({ state: 'visible' })
    assert.equal(await preview.innerText(), `Срок будет: ${dates.urgent}`)
    await dateField.waitFor({ state: 'hidden' })

    if (process.env.KRAI_SCREENSHOTS) await page.screenshot({ path: `${process.env.KRAI_SCREENSHOTS}/order_form_keyword.png`, fullPage: true })
    await keyword.selectOption('permanent')
    assert.equal(await preview.innerText(), `Срок будет: ${dates.permanent}`)

    await keyword.selectOption('date')
    await dateField.waitFor({ state: 'visible' })
    assert.isFalse(await preview.isVisible())

    // issue an order by keyword: the card's deadline is the date the preview showed
    await keyword.selectOption('promptly')
    await page.getByLabel('Текст поручения').fill('Подготовить поликлиники к эпидсезону')
    await page.getByLabel('Ответственный исполнитель').selectOption({ label: 'Минздрав' })
    await page.getByRole('button', { name: 'Выдать поручение' }).click()
    await page.waitForURL(/\/orders\/\d+$/)
    const orderUrl = page.url()
    // the issuer of an issued order is offered neither the start nor a report
    const issuerBar = page.locator('[data-action-bar]')
    assert.equal(await issuerBar.getByRole('button', { name: 'Принять в работу' }).count(), 0)
    assert.equal(await page.locator('form[action$="/report"]').count(), 0)

    // the executor: one action bar, "Принять в работу" first, the report form right after it
    await signInAs(page, office.healthHead.email)
    await page.goto(orderUrl)
    const bar = page.locator('[data-action-bar]')
    await bar.waitFor()
    assert.equal(await page.locator('[data-action-bar]').count(), 1)
    assert.equal((await bar.locator('button').first().innerText()).trim(), 'Принять в работу')
    assert.match((await bar.locator('form').nth(1).getAttribute('action'))!, /\/report$/)
    assert.equal(await bar.getByRole('button', { name: 'Принять отчёт' }).count(), 0)
    if (process.env.KRAI_SCREENSHOTS) await page.screenshot({ path: `${process.env.KRAI_SCREENSHOTS}/order_card_executor.png`, fullPage: true })

    await bar.getByRole('button', { name: 'Принять в работу' }).click()
    await page.getByText('Поручение принято в работу.').waitFor()
    assert.equal(await page.locator('[data-action-bar]').getByRole('button', { name: 'Принять в работу' }).count(), 0)
    assert.match((await page.locator('[data-action-bar] form').first().getAttribute('action'))!, /\/report$/)
  }).timeout(90_000)
})
