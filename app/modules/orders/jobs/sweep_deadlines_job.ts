import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import Order from '#modules/orders/models/order'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { notify, peopleActingFor } from '#modules/orders/services/order_notifier'

const BATCH = 500

/**
 * Daily, in every block and control tenant: warns executors 3 working days
 * before a deadline and tells executors, issuer and controller when an order
 * is overdue. Notifications carry dedupe keys, so a re-run (retry, second
 * worker) sends nothing twice.
 */
export default class SweepDeadlinesJob extends Job<{ today?: string }> {
  static jobName = 'orders.sweep_deadlines'
  static tenantScoped = true

  async handle(payload: { today?: string }) {
    const today = payload.today ? DateTime.fromISO(payload.today) : DateTime.now().startOf('day')
    const warnUntil = (await tenantCalendar()).addWorkingDays(today, 3)
    let lastId = 0
    let warned = 0
    let overdue = 0

    for (;;) {
      const orders = await Order.query()
        .whereIn('status', OPEN_STATUSES)
        .whereNotNull('deadline')
        .where('deadline', '<=', warnUntil.toISODate()!)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(BATCH)
        .preload('executors')
      if (!orders.length) break
      lastId = orders[orders.length - 1].id

      await tenantDb().transaction(async (trx) => {
        for (const order of orders) {
          const deadline = order.deadline!.toISODate()
          const executors = (await Promise.all(order.executors.map((executor) => peopleActingFor(executor, trx)))).flat()
          if (order.isOverdue(today)) {
            overdue++
            const watchers = [order.issuerId, ...(order.controllerId ? [order.controllerId] : [])]
            await notify(trx, [...executors, ...watchers], 'order.overdue', order, { deadline }, `overdue:${order.id}:${deadline}`)
          } else {
            warned++
            await notify(trx, executors, 'order.deadline_soon', order, { deadline }, `deadline_soon:${order.id}:${deadline}`)
          }
        }
      })
    }
    return { warned, overdue }
  }
}
