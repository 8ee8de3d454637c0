import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { REGION_ZONE } from '#core/region_time'
import PlannerItem from '#modules/planner/models/planner_item'
import { storeItem } from '#modules/planner/actions/save_planner_item'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice

// Every date is fixed: the views are opened on these weeks, whatever today is.
const moscow = (iso: string) => DateTime.fromISO(iso, { zone: REGION_ZONE })

function url(path: string) {
  return `http://planseries.localhost:${PORT}${path}`
}

async function signInAs(page: Page, email: string) {
  await page.goto(url('/login'))
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

/** A weekly series (Mondays and Wednesdays 10:00–11:00 from 1 March 2027, six times) of a user. */
function weeklySeries(userId: number, title: string) {
  return inOffice(office, () =>
    storeItem(new PlannerItem(), {
      userId, kind: 'event', title, allDay: false, startsAt: moscow('2027-03-01T10:00'), endsAt: moscow('2027-03-01T11:00'),
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6', exdates: [], reminders: [], notes: null, location: null, orderId: null, programmeEventId: null,
    })
  )
}

/** Titles of the timed blocks in a day column of the grid. */
function titlesOn(page: Page, day: string) {
  return page.locator(`section[data-date="${day}"] .planner-block__title`).allInnerTexts()
}

/** Drags a block to another day's column at the same height (the same time of day), and answers the scope question. */
async function dragToDay(page: Page, title: string, fromDay: string, toDay: string, answer: string) {
  const block = page.locator(`section[data-date="${fromDay}"] .planner-block`, { hasText: title })
  const target = page.locator(`section[data-date="${toDay}"]`)
  const source = (await block.boundingBox())!
  const column = (await target.boundingBox())!
  await block.dragTo(target, { sourcePosition: { x: 5, y: 5 }, targetPosition: { x: 5, y: source.y - column.y + 5 } })
  await page.getByRole('dialog').getByRole('button', { name: answer }).click()
  await page.waitForLoadState('load')
}

test.group('Planner | series and time grid | browser', (group) => {
  group.setup(async () => {
    office = await ordersOffice('planseries')
  })

  test('dragging an occurrence asks which events move, and each answer does what it says', async ({ browser, assert }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } })
    const page = await context.newPage()
    await signInAs(page, office.roadsHead.email)
    const [one, following, all] = [await weeklySeries(office.roadsHead.id, 'Серия А'), await weeklySeries(office.roadsHead.id, 'Серия Б'), await weeklySeries(office.roadsHead.id, 'Серия В')]

    await page.goto(url('/planner?view=week&date=2027-03-08'))
    // only this one: Wednesday 10 March goes to Thursday
    await Promise.all([page.waitForEvent('load'), dragToDay(page, 'Серия А', '2027-03-10', '2027-03-11', 'Только это событие')])
    await page.locator('section[data-date="2027-03-11"]').getByText('Серия А').waitFor()
    assert.notInclude(await titlesOn(page, '2027-03-10'), 'Серия А')
    assert.include(await titlesOn(page, '2027-03-08'), 'Серия А')
    assert.include(await page.locator('section[data-date="2027-03-11"] .planner-block', { hasText: 'Серия А' }).innerText(), '10:00–11:00')
    const series = await inOffice(office, () => PlannerItem.findOrFail(one.id))
    assert.deepEqual(series.exdates, ['2027-03-10'])

    // this and following: Monday 8 March goes to Tuesday, and the rest from then on
    await Promise.all([page.waitForEvent('load'), dragToDay(page, 'Серия Б', '2027-03-08', '2027-03-09', 'Это и последующие')])
    await page.locator('section[data-date="2027-03-09"]').getByText('Серия Б').waitFor()
    assert.include(await titlesOn(page, '2027-03-11'), 'Серия Б')
    assert.notInclude(await titlesOn(page, '2027-03-08'), 'Серия Б')
    assert.notInclude(await titlesOn(page, '2027-03-10'), 'Серия Б')
    assert.equal((await inOffice(office, () => PlannerItem.findOrFail(following.id))).rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=2')

    // the whole series: Monday 8 March to Tuesday moves the week before as well
    await Promise.all([page.waitForEvent('load'), dragToDay(page, 'Серия В', '2027-03-08', '2027-03-09', 'Все события серии')])
    await page.locator('section[data-date="2027-03-09"]').getByText('Серия В').waitFor()
    assert.include(await titlesOn(page, '2027-03-11'), 'Серия В')
    assert.equal((await inOffice(office, () => PlannerItem.findOrFail(all.id))).rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6')
    await page.goto(url('/planner?view=week&date=2027-03-01'))
    assert.include(await titlesOn(page, '2027-03-02'), 'Серия В')
    assert.notInclude(await titlesOn(page, '2027-03-01'), 'Серия В')
    assert.include(await titlesOn(page, '2027-03-01'), 'Серия Б')
    await context.close()
  }).timeout(120_000)

  test('the repeat picker builds a weekly rule on chosen days', async ({ browser, assert }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } })
    const page = await context.newPage()
    await signInAs(page, office.healthHead.email)
    await page.goto(url('/planner/new?date=2027-03-01'))
    await page.getByLabel('Название').fill('Обход стационара')
    await page.getByLabel('Начало (для задачи — срок)').fill('2027-03-01T08:30')
    await page.getByLabel('Окончание').fill('2027-03-01T09:00')
    // the rule text stays out of sight unless asked for
    assert.isFalse(await page.getByLabel('Пн', { exact: true }).isVisible())
    assert.isFalse(await page.getByLabel('Повторение (RRULE)').isVisible())
    await page.getByLabel('Повторять', { exact: true }).selectOption('weekly')
    assert.isTrue(await page.getByLabel('Пн', { exact: true }).isChecked())
    await page.getByLabel('Ср', { exact: true }).check()
    await page.getByLabel('Пт', { exact: true }).check()
    await page.getByLabel('После нескольких повторений').check()
    await page.getByLabel('Число повторений').fill('6')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.waitForURL(/\/planner\?view=week&date=2027-03-01/)

    const item = await inOffice(office, () => PlannerItem.findByOrFail('title', 'Обход стационара'))
    assert.equal(item.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6')
    for (const day of ['2027-03-01', '2027-03-03', '2027-03-05']) assert.include(await titlesOn(page, day), 'Обход стационара')
    assert.notInclude(await titlesOn(page, '2027-03-02'), 'Обход стационара')

    // the edit form reads the rule back into the picker
    await page.locator('section[data-date="2027-03-03"]').getByRole('link', { name: 'Обход стационара' }).click()
    assert.equal(await page.getByLabel('Повторять', { exact: true }).inputValue(), 'weekly')
    assert.isTrue(await page.getByLabel('Пт', { exact: true }).isChecked())
    assert.isFalse(await page.getByLabel('Вт', { exact: true }).isChecked())
    assert.equal(await page.getByLabel('Число повторений').inputValue(), '6')
    assert.isTrue(await page.getByLabel('Только это событие').first().isChecked())
    await context.close()
  }).timeout(120_000)

  test('the time grid places two overlapping events side by side; words are never broken, a phone gets no sideways page scroll', async ({ browser, assert }) => {
    const create = (title: string, start: string, end: string) =>
      inOffice(office, () =>
        storeItem(new PlannerItem(), {
          userId: office.outsider.id, kind: 'event', title, allDay: false, startsAt: moscow(start), endsAt: moscow(end),
          rrule: null, exdates: [], reminders: [], notes: null, location: null, orderId: null, programmeEventId: null,
        })
      )
    await create('Совещание по бюджету муниципалитетов', '2027-03-03T10:00', '2027-03-03T11:30')
    await create('Телефонный разговор', '2027-03-03T11:00', '2027-03-03T12:00')
    await create('Обед', '2027-03-03T13:00', '2027-03-03T14:00')

    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } })
    const page = await context.newPage()
    await signInAs(page, office.outsider.email)
    await page.goto(url('/planner?view=week&date=2027-03-03'))
    const box = async (title: string) => (await page.locator('.planner-block', { hasText: title }).boundingBox())!
    const meeting = await box('Совещание по бюджету')
    const call = await box('Телефонный разговор')
    const lunch = await box('Обед')
    // side by side: the same day column split in two, no overlap
    assert.isAtMost(meeting.x + meeting.width, call.x + 1)
    assert.approximately(meeting.width, call.width, 2)
    // placed by time: the call starts an hour later, the meeting is 1.5 times as long
    const hour = call.y - meeting.y
    assert.isAbove(hour, 20)
    assert.approximately(meeting.height / call.height, 1.5, 0.1)
    // alone again after the overlap: the full width of the column
    assert.approximately(lunch.width, meeting.width * 2, 4)
    assert.approximately(lunch.y - meeting.y, hour * 3, 3)

    // words never break in the middle: titles end with an ellipsis instead
    const styles = await page.locator('.planner-block__title').first().evaluate((element) => {
      const style = (globalThis as any).getComputedStyle(element)
      return { wrap: style.overflowWrap, breaks: style.wordBreak, hyphens: style.hyphens, space: style.whiteSpace, overflow: style.textOverflow }
    })
    assert.deepEqual(styles, { wrap: 'normal', breaks: 'normal', hyphens: 'none', space: 'nowrap', overflow: 'ellipsis' })

    // a 360 px phone: the day view fits; the week scrolls inside its grid only
    await page.setViewportSize({ width: 360, height: 740 })
    for (const view of ['day', 'week']) {
      await page.goto(url(`/planner?view=${view}&date=2027-03-03`))
      assert.isFalse((await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean, view)
      await page.locator('.planner-block', { hasText: 'Телефонный разговор' }).waitFor()
    }
    await context.close()
  }).timeout(120_000)
})
