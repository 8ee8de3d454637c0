import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

/**
 * Who acts for each executor of the swept orders: the person, or the active
 * heads of the department (its active executors when it has no head).
 */
const EXECUTOR_PEOPLE = `
  select e.order_id, e.user_id as person
    from order_executors e where e.user_id is not null
  union
  select e.order_id, u.id
    from order_executors e
    join users u on u.department_id = e.department_id and u.status = 'active'
   where e.department_id is not null
     and (u.role = 'department_head'
          or (u.role = 'executor' and not exists (
                select 1 from users h where h.department_id = e.department_id and h.role = 'department_head' and h.status = 'active')))`

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
           join (${EXECUTOR_PEOPLE}) p on p.order_id = o.id
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
             ${EXECUTOR_PEOPLE}
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
