import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice

async function signInAs(page: Page, email: string) {
  await page.goto(`http://planbrowser.localhost:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

/** Whether the page is wider than the screen (a phone would scroll sideways). */
function overflowsHorizontally(page: Page) {
  return page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>
}

test.group('Planner | browser', (group) => {
  group.setup(async () => {
    office = await ordersOffice('planbrowser')
  })

  test('on a 360 px phone: create an event and see it in the week view', async ({ browser, assert }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await signInAs(page, office.healthHead.email)

    await page.getByText('Меню', { exact: true }).click()
    await page.getByRole('link', { name: 'Планировщик' }).click()
    await page.waitForURL(/\/planner$/)
    assert.isFalse(await overflowsHorizontally(page))

    await page.getByRole('link', { name: 'Новая запись' }).click()
    assert.isFalse(await overflowsHorizontally(page))
    const day = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
    await page.getByLabel('Название').fill('Приём граждан по личным вопросам')
    await page.getByLabel('Начало (для задачи — срок)').fill(`${day}T15:00`)
    await page.getByLabel('Окончание').fill(`${day}T16:30`)
    await page.getByLabel('Место').fill('Приёмная, каб. 105')
    await page.getByLabel('за 30 минут').check()
    await page.getByRole('button', { name: 'Сохранить' }).click()

    await page.waitForURL(/\/planner\?view=week&date=/)
    await page.getByText('Запись добавлена.').waitFor()
    const daySection = page.locator(`section[data-date="${day}"]`)
    await daySection.getByText('Приём граждан по личным вопросам').waitFor()
    assert.include(await daySection.innerText(), '15:00–16:30')
    assert.include(await daySection.innerText(), 'Приёмная, каб. 105')
    assert.equal(await page.getByRole('link', { name: 'Неделя' }).getAttribute('aria-current'), 'page')
    assert.isFalse(await overflowsHorizontally(page))

    // the month view fits the phone too
    await page.getByRole('link', { name: 'Месяц' }).click()
    await page.waitForURL(/view=month/)
    assert.isFalse(await overflowsHorizontally(page))
    await context.close()
  }).timeout(90_000)

  test('on a desktop: dragging an event to another day moves it there', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signInAs(page, office.roadsHead.email)
    const monday = DateTime.now().setZone('Europe/Moscow').plus({ weeks: 1 }).startOf('week')
    const wednesday = monday.plus({ days: 2 }).toISODate()!
    await page.goto(`http://planbrowser.localhost:${PORT}/planner/new?date=${monday.toISODate()}`)
    await page.getByLabel('Название').fill('Осмотр моста')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.waitForURL(/\/planner\?view=week&date=/)

    // dropped at the same height: the same time of day on the time grid
    const block = page.locator('[data-item-id]', { hasText: 'Осмотр моста' })
    const target = page.locator(`section[data-date="${wednesday}"]`)
    const source = (await block.boundingBox())!
    const column = (await target.boundingBox())!
    await block.dragTo(target, { sourcePosition: { x: 5, y: 5 }, targetPosition: { x: 5, y: source.y - column.y + 5 } })
    await page.locator(`section[data-date="${wednesday}"]`).getByText('Осмотр моста').waitFor()
    await page.locator(`section[data-date="${wednesday}"]`).getByText('09:00–10:00').waitFor()
    await context.close()
  }).timeout(90_000)
})
