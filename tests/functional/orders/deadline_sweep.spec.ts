import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SweepDeadlinesJob from '#modules/orders/jobs/sweep_deadlines_job'
import Order from '#modules/orders/models/order'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
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
})
