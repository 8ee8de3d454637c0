import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { executorPeopleSql } from '#modules/orders/services/executor_people'
import { clockDate } from '#core/clock'

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

/**
 * Daily, in every tenant: warns executors 3 working days before a deadline
 * and tells executors, issuer and controller once when an order is overdue.
 * It is two set-based inserts whatever the number of orders. Runs of one
 * tenant take turns (a transaction-scoped advisory lock) and insert only
 * the notifications whose dedupe key is not there yet, so a re-run (retry,
 * second worker) sends nothing twice; the unique dedupe key stays the last
 * guard. A plain insert costs half of ON CONFLICT's speculative insertion,
 * which counts on a first run over hundreds of thousands of overdue orders.
 *
 * Only the orders that need a notification are resolved to people. An order
 * is told about its overdue deadline once: the issuer's overdue notification
 * for that deadline (its dedupe key, always written with the others in one
 * statement) marks the order as done, so a daily run skips the orders already
 * notified with one index probe each. A new deadline (changed, or an
 * extension granted) has no such notification yet, so it is notified again
 * when it passes.
 *
 * A tenant with no open order due by the end of the warning window (most
 * of them on most days, and every new one) is done with one index probe,
 * without the two statements' planning: a fan-out over hundreds of
 * tenants is mostly such tenants.
 */
export default class SweepDeadlinesJob extends Job<{ today?: string }> {
  static jobName = 'orders.sweep_deadlines'
  static tenantScoped = true

  async handle(payload: { today?: string }) {
    const today = payload.today ? DateTime.fromISO(payload.today) : DateTime.now().startOf('day')
    const warnUntil = (await tenantCalendar()).addWorkingDays(today, 3)
    const now = clockDate()
    const due = await tenantDb().rawQuery(`select exists (select 1 from orders where status in ${OPEN} and deadline <= ?) as due`, [
      warnUntil.toISODate()!,
    ])
    if (!due.rows[0].due) return { deadlineSoon: 0, overdue: 0 }

    return tenantDb().transaction(async (trx) => {
      // Batch statements over up to hundreds of thousands of rows: hash and
      // sort in memory; no JIT, whose compile time exceeds what it saves here.
      await trx.rawQuery(`set local work_mem = '64MB'`)
      await trx.rawQuery('set local jit = off')
      await trx.rawQuery(`select pg_advisory_xact_lock(hashtext(current_schema()), hashtext('orders.sweep_deadlines'))`)

      const warned = await trx.rawQuery(
        `with soon as materialized (
           select o.id, o.number, o.deadline from orders o
            where o.status in ${OPEN} and o.deadline >= ? and o.deadline <= ?
         ),
         executors as materialized (
           select e.id, e.order_id, e.user_id, e.department_id from order_executors e join soon on soon.id = e.order_id
         )
         insert into notifications (user_id, kind, data, link, dedupe_key, created_at)
         select p.person, 'order.deadline_soon',
                jsonb_build_object('orderId', s.id, 'number', s.number, 'deadline', s.deadline),
                '/orders/' || s.id, k.dedupe_key, ?
           from (select distinct order_id, person from (${executorPeopleSql('executors')}) e) p
           join soon s on s.id = p.order_id
          cross join lateral (select 'deadline_soon:' || s.id || ':' || s.deadline || ':user:' || p.person as dedupe_key) k
          where not exists (select 1 from notifications n where n.dedupe_key = k.dedupe_key)`,
        [today.toISODate()!, warnUntil.toISODate()!, now]
      )
      const overdue = await trx.rawQuery(
        `with due as materialized (
           select o.id, o.number, o.deadline, o.issuer_id, o.controller_id from orders o
            where o.status in ${OPEN} and o.deadline < ?
              and not exists (select 1 from notifications n
                               where n.dedupe_key = 'overdue:' || o.id || ':' || o.deadline || ':user:' || o.issuer_id)
         ),
         executors as materialized (
           select e.id, e.order_id, e.user_id, e.department_id from order_executors e join due on due.id = e.order_id
         ),
         people as (
           select order_id, person from (${executorPeopleSql('executors')}) e
           union select id, issuer_id from due
           union select id, controller_id from due where controller_id is not null
         )
         insert into notifications (user_id, kind, data, link, dedupe_key, created_at)
         select p.person, 'order.overdue',
                jsonb_build_object('orderId', d.id, 'number', d.number, 'deadline', d.deadline),
                '/orders/' || d.id, k.dedupe_key, ?
           from people p join due d on d.id = p.order_id
          cross join lateral (select 'overdue:' || d.id || ':' || d.deadline || ':user:' || p.person as dedupe_key) k
          where not exists (select 1 from notifications n where n.dedupe_key = k.dedupe_key)`,
        [today.toISODate()!, now]
      )
      // Counts of notifications created by this run (0 on a re-run the same day).
      return { deadlineSoon: warned.rowCount ?? 0, overdue: overdue.rowCount ?? 0 }
    })
  }
}
