import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { EXECUTOR_PEOPLE_SQL } from '#modules/orders/services/executor_people'

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

/**
 * Daily, in every tenant: warns executors 3 working days before a deadline
 * and tells executors, issuer and controller when an order is overdue. It is
 * two set-based inserts whatever the number of orders; dedupe keys make a
 * re-run (retry, second worker) send nothing twice.
 */
export default class SweepDeadlinesJob extends Job<{ today?: string }> {
  static jobName = 'orders.sweep_deadlines'
  static tenantScoped = true

  async handle(payload: { today?: string }) {
    const today = payload.today ? DateTime.fromISO(payload.today) : DateTime.now().startOf('day')
    const warnUntil = (await tenantCalendar()).addWorkingDays(today, 3)
    const now = new Date()

    return tenantDb().transaction(async (trx) => {
      const warned = await trx.rawQuery(
        `insert into notifications (user_id, kind, data, link, dedupe_key, created_at)
         select p.person, 'order.deadline_soon',
                jsonb_build_object('orderId', o.id, 'number', o.number, 'deadline', o.deadline),
                '/orders/' || o.id,
                'deadline_soon:' || o.id || ':' || o.deadline || ':user:' || p.person, ?
           from orders o
           join (select order_id, person from (${EXECUTOR_PEOPLE_SQL}) e) p on p.order_id = o.id
          where o.status in ${OPEN} and o.deadline >= ? and o.deadline <= ?
         on conflict (dedupe_key) do nothing`,
        [now, today.toISODate()!, warnUntil.toISODate()!]
      )
      const overdue = await trx.rawQuery(
        `insert into notifications (user_id, kind, data, link, dedupe_key, created_at)
         select distinct on (o.id, p.person) p.person, 'order.overdue',
                jsonb_build_object('orderId', o.id, 'number', o.number, 'deadline', o.deadline),
                '/orders/' || o.id,
                'overdue:' || o.id || ':' || o.deadline || ':user:' || p.person, ?
           from orders o
           join (
             select order_id, person from (${EXECUTOR_PEOPLE_SQL}) e
             union select id, issuer_id from orders where status in ${OPEN}
             union select id, controller_id from orders where status in ${OPEN} and controller_id is not null
           ) p on p.order_id = o.id
          where o.status in ${OPEN} and o.deadline < ?
         on conflict (dedupe_key) do nothing`,
        [now, today.toISODate()!]
      )
      // Counts of notifications created by this run (0 on a re-run the same day).
      return { deadlineSoon: warned.rowCount ?? 0, overdue: overdue.rowCount ?? 0 }
    })
  }
}
