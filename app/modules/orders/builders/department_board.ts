import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { OPEN_STATUSES, type OrderStatus } from '#modules/orders/lifecycle'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { tenantDb } from '#tenancy/tenant_model'

/** Cards shown per column; the column links to the full filtered list. */
export const BOARD_COLUMN_LIMIT = 30

/** Executor rows that belong to a department: the department itself or one of its people. */
const DEPARTMENT_EXECUTOR_SQL = `(order_executors.department_id = ? or order_executors.user_id in (select id from users where department_id = ?))`

export interface BoardColumn {
  status: OrderStatus
  total: number
  orders: Order[]
}

export interface PersonLoad {
  userId: number | null
  fullName: string | null
  open: number
  overdue: number
  dueThisWeek: number
}

/**
 * A department's open orders as a board: one column per open status (the
 * first cards by deadline, with the column total), and the load per person
 * (orders given to the department as a whole are the row without a person).
 * Only orders the viewer may see count.
 */
export async function departmentBoard(viewer: User, departmentId: number, today = DateTime.now()) {
  const todayIso = today.toISODate()!
  const weekEnd = today.endOf('week').toISODate()!
  const base = () =>
    visibleTo(Order.query(), viewer)
      .whereIn('orders.status', OPEN_STATUSES)
      .whereExists((sub) =>
        sub
          .from('order_executors')
          .whereRaw('order_executors.order_id = orders.id')
          .whereRaw(DEPARTMENT_EXECUTOR_SQL, [departmentId, departmentId])
      )

  // One pass over the department's orders for every column: each order's
  // place in its column and the column's size, by window functions. (One
  // query per column read the same orders six times.)
  const ranked = base()
    .select('orders.id', 'orders.status')
    .select(tenantDb().raw('row_number() over (partition by orders.status order by orders.deadline asc, orders.id asc) as place'))
    .select(tenantDb().raw('count(*) over (partition by orders.status) as column_total'))
  const firsts: { id: number; status: OrderStatus; column_total: string }[] = await tenantDb()
    .from(ranked.as('ranked'))
    .where('place', '<=', BOARD_COLUMN_LIMIT)
    .select('id', 'status', 'column_total')
  const cards = firsts.length
    ? await Order.query()
        .whereIn('id', firsts.map((row) => row.id))
        .preload('executors', (executors) => executors.preload('user').preload('department'))
        .orderBy('deadline', 'asc')
        .orderBy('id', 'asc')
    : []
  const totalByStatus = new Map(firsts.map((row) => [row.status, Number(row.column_total)]))
  const columns: BoardColumn[] = OPEN_STATUSES.map((status) => ({
    status,
    total: totalByStatus.get(status) ?? 0,
    orders: cards.filter((order) => order.status === status),
  }))

  const people = await tenantDb()
    .from('order_executors as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .whereIn('e.order_id', base().select('orders.id'))
    .where((mine) => mine.where('e.department_id', departmentId).orWhereIn('e.user_id', (staff) => staff.from('users').select('id').where('department_id', departmentId)))
    .groupBy('e.user_id', 'u.full_name')
    .select('e.user_id', 'u.full_name')
    .select(tenantDb().raw('count(distinct e.order_id)::int as open'))
    .select(tenantDb().raw('count(distinct e.order_id) filter (where e.deadline < ?)::int as overdue', [todayIso]))
    .select(tenantDb().raw('count(distinct e.order_id) filter (where e.deadline between ? and ?)::int as due_this_week', [todayIso, weekEnd]))
    .orderByRaw('overdue desc, open desc, u.full_name nulls first', [])
  const load: PersonLoad[] = people.map((row: any) => ({
    userId: row.user_id,
    fullName: row.full_name,
    open: row.open,
    overdue: row.overdue,
    dueThisWeek: row.due_this_week,
  }))

  const open = columns.reduce((sum, column) => sum + column.total, 0)
  return { columns, load, open }
}
