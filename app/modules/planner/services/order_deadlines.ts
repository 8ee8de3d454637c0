import { isoDay } from '#core/date_column'
import { tenantDb } from '#tenancy/tenant_model'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'

export interface OrderDeadline {
  orderId: number
  number: string
  text: string
  deadline: string
}

/**
 * Whether a person acts for the executors of their department: the rule of
 * EXECUTOR_PEOPLE_SQL (orders/services/executor_people.ts) for one person —
 * an active department head, or an active executor of a department that has
 * no active head. The planner asks it for one person at a time, so it reads
 * two index lookups instead of expanding that view for everyone
 * (tests/functional/planner/order_deadlines.spec.ts keeps both in step).
 */
async function actsForDepartment(userId: number): Promise<number | null> {
  const result = await tenantDb().rawQuery(
    `select u.department_id from users u
      where u.id = ? and u.status = 'active' and u.department_id is not null
        and (u.role = 'department_head'
             or (u.role = 'executor' and not exists (
                   select 1 from users h where h.department_id = u.department_id and h.role = 'department_head' and h.status = 'active')))`,
    [userId]
  )
  return result.rows[0]?.department_id ?? null
}

/**
 * The deadlines of the open orders a user acts for as an executor (in
 * person or for their department): each executor's own deadline, else the
 * order's. Read-only in the planner. Days are YYYY-MM-DD, both inclusive; a
 * null bound leaves that side open.
 */
export async function orderDeadlinesFor(userId: number, fromDay: string | null, lastDay: string | null): Promise<OrderDeadline[]> {
  const departmentId = await actsForDepartment(userId)
  // Written out arm by arm so each reads an index: (user_id) and
  // (department_id, deadline) — an executor's deadline follows the order's,
  // and only an order without a deadline leaves it null.
  const inRange = ['true']
  const rangeBindings: string[] = []
  if (fromDay) {
    inRange.push('x.deadline >= ?')
    rangeBindings.push(fromDay)
  }
  if (lastDay) {
    inRange.push('x.deadline <= ?')
    rangeBindings.push(lastDay)
  }
  const arms: string[] = []
  const bindings: (string | number)[] = []
  for (const [column, id] of [['x.user_id', userId], ['x.department_id', departmentId]] as const) {
    if (!id) continue
    arms.push(`(${column} = ? and ${inRange.join(' and ')})`, `(${column} = ? and x.deadline is null)`)
    bindings.push(id, ...rangeBindings, id)
  }
  bindings.push(...OPEN_STATUSES, ...rangeBindings)
  const result = await tenantDb().rawQuery(
    `select distinct o.id as order_id, o.number, o.text, coalesce(x.deadline, o.deadline) as deadline
       from order_executors x
       join orders o on o.id = x.order_id
      where (${arms.join(' or ')})
        and o.status in (${OPEN_STATUSES.map(() => '?').join(', ')})
        and x.status <> 'accepted' and coalesce(x.deadline, o.deadline) is not null
        and ${inRange.map((condition) => condition.replace('x.deadline', 'coalesce(x.deadline, o.deadline)')).join(' and ')}
      order by deadline, o.id`,
    bindings
  )
  return result.rows.map((row: any) => ({ orderId: row.order_id, number: row.number, text: row.text, deadline: isoDay(row.deadline) }))
}
