import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { regionToday } from '#core/region_time'
import Notification from '#modules/notifications/models/notification'
import PlannerItem from '#modules/planner/models/planner_item'
import SendPlannerRemindersJob from '#modules/planner/jobs/send_planner_reminders_job'
import { SavePlannerItem } from '#modules/planner/actions/save_planner_item'
import { MovePlannerItem } from '#modules/planner/actions/move_planner_item'
import { plannerItemValidator } from '#modules/planner/validators/planner_validators'
import { schedules } from '#start/jobs'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'

let office: OrdersOffice

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Moscow' }).toISO()!
/** The region's day N days from today, as the API takes it (YYYY-MM-DD) and as a reminder shows it (DD.MM.YYYY). */
const day = (offset: number) => regionToday().plus({ days: offset }).toISODate()!
const dotted = (offset: number) => regionToday().plus({ days: offset }).toFormat('dd.LL.yyyy')

async function newItem(fields: Record<string, unknown>, owner = office.healthHead) {
  return inOffice(office, async () => {
    const input = await plannerItemValidator.validate({ kind: 'event', ...fields }, { meta: { user: owner } })
    return new SavePlannerItem().handle(input, owner)
  })
}

async function runJob(now: string) {
  return inOffice(office, () => new SendPlannerRemindersJob().handle({ now: at(now) }))
}

async function remindersOf(itemId: number) {
  return inOffice(office, async () =>
    (await Notification.query().where('kind', 'planner.reminder').orderBy('id')).filter((notification) => notification.data.itemId === itemId)
  )
}

test.group('Planner | reminders', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_remind')
  })

  test('the job is scheduled every minute in every tenant', ({ assert }) => {
    assert.deepInclude(schedules, { job: 'planner.send_reminders', cron: '* * * * *', perTenant: true })
  })

  test('each reminder fires once at its time, however often the job runs', async ({ assert }) => {
    const item = await newItem({ title: 'Доклад губернатору', startsAt: `${day(3)}T10:00`, endsAt: `${day(3)}T11:00`, reminders: [15, 60] })
    assert.deepEqual(await runJob(`${day(3)}T08:55`), { sent: 0 })
    assert.deepEqual(await runJob(`${day(3)}T09:00`), { sent: 1 })
    assert.deepEqual(await runJob(`${day(3)}T09:00`), { sent: 0 })
    assert.deepEqual(await runJob(`${day(3)}T09:30`), { sent: 0 })
    assert.deepEqual(await runJob(`${day(3)}T09:46`), { sent: 1 })
    assert.deepEqual(await runJob(`${day(3)}T09:47`), { sent: 0 })
    // long after the grace period nothing is sent late
    assert.deepEqual(await runJob(`${day(3)}T12:00`), { sent: 0 })

    const sent = await remindersOf(item.id)
    assert.deepEqual(sent.map((notification) => [notification.userId, notification.data.minutes, notification.data.time]), [
      [office.healthHead.id, 60, `${dotted(3)} 10:00`],
      [office.healthHead.id, 15, `${dotted(3)} 10:00`],
    ])
    assert.equal(sent[0].link, `/planner?view=day&date=${day(3)}`)
  })

  test('a moved event never fires its outdated reminder, and fires the new one once', async ({ assert }) => {
    const item = await newItem({ title: 'Выезд на объект', startsAt: `${day(4)}T14:00`, endsAt: `${day(4)}T15:00`, reminders: [30] })
    await inOffice(office, () => new MovePlannerItem().handle(item, `${day(4)}T16:00`))
    assert.deepEqual(await runJob(`${day(4)}T13:30`), { sent: 0 })
    assert.deepEqual(await runJob(`${day(4)}T13:40`), { sent: 0 })
    assert.deepEqual(await runJob(`${day(4)}T15:30`), { sent: 1 })
    assert.deepEqual(await runJob(`${day(4)}T15:31`), { sent: 0 })
    const sent = await remindersOf(item.id)
    assert.lengthOf(sent, 1)
    assert.equal(sent[0].data.time, `${dotted(4)} 16:00`)
  })

  test('a series reminds before each occurrence, skipping cancelled dates', async ({ assert }) => {
    const item = await newItem({
      title: 'Утренняя планёрка', startsAt: `${day(7)}T08:00`, endsAt: `${day(7)}T08:30`, rrule: 'FREQ=DAILY;COUNT=3', exdates: [day(8)], reminders: [10],
    }, office.controller)
    for (const offset of [7, 8, 9]) {
      await runJob(`${day(offset)}T07:50`)
      await runJob(`${day(offset)}T07:51`)
    }
    const sent = await remindersOf(item.id)
    assert.deepEqual(sent.map((notification) => [notification.userId, notification.data.time]), [
      [office.controller.id, `${dotted(7)} 08:00`],
      [office.controller.id, `${dotted(9)} 08:00`],
    ])
  })

  test('each item carries its next reminder moment; the job moves it on, a move reschedules it', async ({ assert }) => {
    const item = await newItem({ title: 'Коллегия', startsAt: `${day(14)}T10:00`, endsAt: `${day(14)}T11:00`, reminders: [15, 60] }, office.head)
    const nextOf = async () => (await inOffice(office, () => PlannerItem.findOrFail(item.id))).nextReminderAt?.setZone('Europe/Moscow').toFormat("yyyy-LL-dd'T'HH:mm") ?? null
    assert.equal(await nextOf(), `${day(14)}T09:00`)
    await runJob(`${day(14)}T09:00`)
    assert.equal(await nextOf(), `${day(14)}T09:45`)
    await inOffice(office, async () => new MovePlannerItem().handle(await PlannerItem.findOrFail(item.id), `${day(15)}T10:00`))
    assert.equal(await nextOf(), `${day(15)}T09:00`)
    await runJob(`${day(15)}T09:00`)
    await runJob(`${day(15)}T09:45`)
    assert.isNull(await nextOf())
    assert.lengthOf(await remindersOf(item.id), 3)
  })

  test('the owner reads the reminder on the notifications page', async ({ client }) => {
    await newItem({ kind: 'task', title: 'Подписать приказ', startsAt: `${day(11)}T12:00`, reminders: [0] }, office.roadsHead)
    await runJob(`${day(11)}T12:00`)
    const { session } = await signIn(client, office.host, office.roadsHead.email)
    const page = await client.get('/notifications').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes(`Напоминание: Подписать приказ — ${dotted(11)} 12:00`)
  })
})
