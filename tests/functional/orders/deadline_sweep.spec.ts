import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SweepDeadlinesJob from '#modules/orders/jobs/sweep_deadlines_job'
import Order from '#modules/orders/models/order'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { ChangeDeadline } from '#modules/orders/actions/change_deadline'
import { RequestExtension } from '#modules/orders/actions/request_extension'
import { DecideExtension } from '#modules/orders/actions/decide_extension'
import User from '#modules/identity/models/user'
import { ensureUser } from '#tests/helpers/tenants'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'

let office: OrdersOffice

async function issuedOrder(text: string, deadline: string, departmentId = office.departments.health.id) {
  return inOffice(office, async () => {
    const order = await new CreateOrder().handle(
      { type: 'order', text, deadlineKeyword: 'date', deadline: DateTime.fromISO(deadline).toJSDate(), responsible: `department:${departmentId}`, controllerId: office.controller.id },
      office.head
    )
    return new IssueOrder().handle(order, office.head)
  })
}

async function notificationsFor(order: Order) {
  return db
    .connection(`tenant_${office.tenant.slug}`)
    .from('notifications')
    .where('data', '@>', JSON.stringify({ orderId: order.id }))
    .whereIn('kind', ['order.deadline_soon', 'order.overdue'])
    .orderBy('user_id')
    .select('user_id', 'kind')
}

test.group('Orders | deadline sweep', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_sweep')
  })

  test('3 working days ahead the executors are warned; overdue orders alert executors, issuer and controller; a re-run adds nothing', async ({ assert }) => {
    // "today" is Friday 2026-12-25: three working days ahead is Wednesday 2026-12-30
    const today = '2026-12-25'
    const soon = await issuedOrder('Сдать годовой отчёт', '2026-12-30')
    const later = await issuedOrder('Подготовить план на квартал', '2027-01-20')
    const late = await issuedOrder('Закрыть замечания проверки', '2026-12-21')

    const job = new SweepDeadlinesJob()
    const first = await inOffice(office, () => job.handle({ today }))
    // one warning (the department head), three overdue alerts (department head, issuer, controller)
    assert.deepEqual(first, { deadlineSoon: 1, overdue: 3 })

    assert.deepEqual(await notificationsFor(soon), [{ user_id: office.healthHead.id, kind: 'order.deadline_soon' }])
    assert.deepEqual(await notificationsFor(later), [])
    assert.sameDeepMembers(await notificationsFor(late), [
      { user_id: office.head.id, kind: 'order.overdue' },
      { user_id: office.healthHead.id, kind: 'order.overdue' },
      { user_id: office.controller.id, kind: 'order.overdue' },
    ])

    const again = await inOffice(office, () => job.handle({ today }))
    assert.deepEqual(again, { deadlineSoon: 0, overdue: 0 })
    assert.lengthOf(await notificationsFor(soon), 1)
    assert.lengthOf(await notificationsFor(late), 3)
  })

  test('accepted orders are never swept', async ({ assert }) => {
    const order = await issuedOrder('Уже исполненное поручение', '2026-12-21')
    await inOffice(office, async () => {
      const fresh = await Order.findOrFail(order.id)
      fresh.status = 'accepted'
      await fresh.save()
    })
    await inOffice(office, () => new SweepDeadlinesJob().handle({ today: '2026-12-25' }))
    assert.deepEqual(await notificationsFor(order), [])
  })

  test('a department without a head is warned through its executors', async ({ assert }) => {
    const order = await issuedOrder('Сверить расходы за квартал', '2026-12-29', office.departments.finance.id)
    await inOffice(office, () => new SweepDeadlinesJob().handle({ today: '2026-12-25' }))
    assert.deepEqual(await notificationsFor(order), [{ user_id: office.outsider.id, kind: 'order.deadline_soon' }])
  })

  test('an overdue order is told once per deadline; a changed deadline that passes is told again', async ({ assert }) => {
    const order = await issuedOrder('Устранить протечку кровли', '2026-12-21')
    const sweep = (today: string) => inOffice(office, () => new SweepDeadlinesJob().handle({ today }))
    const everyone = [office.head.id, office.healthHead.id, office.controller.id].sort((a, b) => a - b)

    await sweep('2026-12-25')
    await sweep('2026-12-28')
    assert.deepEqual((await notificationsFor(order)).map((row) => row.user_id), everyone)

    await inOffice(office, async () =>
      new ChangeDeadline().handle(
        await Order.query().where('id', order.id).preload('executors').firstOrFail(),
        { deadlineKeyword: 'date', deadline: DateTime.fromISO('2026-12-23').toJSDate(), reason: 'Уточнён объём работ' },
        office.head
      )
    )
    await sweep('2026-12-28')
    await sweep('2026-12-29')
    const rows = await notificationsFor(order)
    assert.lengthOf(rows, 6)
    assert.deepEqual([...new Set(rows.map((row) => row.user_id))], everyone)
  })

  test('an approved extension that passes is told again as overdue', async ({ assert }) => {
    const order = await issuedOrder('Отремонтировать мост', '2026-12-21')
    const sweep = (today: string) => inOffice(office, () => new SweepDeadlinesJob().handle({ today }))
    const overdueNotices = async () => (await notificationsFor(order)).filter((row) => row.kind === 'order.overdue')
    await sweep('2026-12-22')
    assert.lengthOf(await overdueNotices(), 3)

    await inOffice(office, async () => {
      const fresh = () => Order.query().where('id', order.id).preload('executors').firstOrFail()
      await new RequestExtension().handle(
        await fresh(),
        { requestedDeadline: DateTime.fromISO('2026-12-24').toJSDate(), justification: 'Поставка материалов задержана' },
        office.healthHead
      )
      await new DecideExtension().handle(await fresh(), { decision: 'approve' }, office.head)
    })
    // the new deadline has not passed yet: no new overdue notice (a warning that it is near)
    await sweep('2026-12-24')
    assert.lengthOf(await overdueNotices(), 3)
    await sweep('2026-12-25')
    assert.lengthOf(await overdueNotices(), 6)
  })

  test('sweeps of one tenant running at once create every notification once', async ({ assert }) => {
    const job = new SweepDeadlinesJob()
    // several rounds, each with a fresh overdue order and four workers racing for it
    for (const [round, deadline] of ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18'].entries()) {
      const order = await issuedOrder(`Проверить пожарную безопасность, этап ${round + 1}`, deadline)
      const runs = await Promise.all([1, 2, 3, 4].map(() => inOffice(office, () => job.handle({ today: '2026-12-25' }))))
      assert.equal(runs.reduce((sum, run) => sum + run.overdue, 0), 3)
      assert.sameDeepMembers(await notificationsFor(order), [
        { user_id: office.head.id, kind: 'order.overdue' },
        { user_id: office.healthHead.id, kind: 'order.overdue' },
        { user_id: office.controller.id, kind: 'order.overdue' },
      ])
    }
  })

  test('someone who starts acting for an order after its overdue notice is not told again for the same deadline', async ({ assert }) => {
    const order = await issuedOrder('Согласовать смету', '2026-12-21', office.departments.roads.id)
    await inOffice(office, () => new SweepDeadlinesJob().handle({ today: '2026-12-25' }))
    assert.deepEqual((await notificationsFor(order)).map((row) => row.user_id).sort((a, b) => a - b),
      [office.head.id, office.roadsHead.id, office.controller.id].sort((a, b) => a - b))

    // a second head of the department arrives: the order's overdue notice is already out
    const newcomer = await ensureUser(office.tenant, 'department_head', 'second-roads-head@ord-sweep.test')
    await inOffice(office, async () => {
      const fresh = await User.findOrFail(newcomer.id)
      fresh.departmentId = office.departments.roads.id
      await fresh.save()
    })
    try {
      await inOffice(office, () => new SweepDeadlinesJob().handle({ today: '2026-12-28' }))
      assert.lengthOf(await notificationsFor(order), 3)
    } finally {
      await inOffice(office, async () => {
        const fresh = await User.findOrFail(newcomer.id)
        fresh.status = 'deactivated'
        await fresh.save()
      })
    }
  })
})
