import { executorTargets } from '#modules/orders/services/executor_references'
import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { OPEN_STATUSES, type OrderStatus } from '#modules/orders/lifecycle'

export interface OrderFilters {
  q?: string
  status?: OrderStatus
  role?: 'all' | 'executor' | 'issuer' | 'controller'
  /** `relevance` ranks search matches first; by default lists go by deadline. */
  sort?: 'deadline' | 'relevance'
  /** "department:12" (the department or one of its people) or "user:5" */
  executor?: string
  overdue?: boolean
  specialControl?: boolean
  deadlineFrom?: Date
  deadlineTo?: Date
}

/**
 * An order the user may see, with everything its card shows; 404 otherwise
 * (also for ids of other tenants, which simply do not exist here).
 */
export async function findVisibleOrder(user: User, id: number) {
  return visibleTo(Order.query(), user).where('orders.id', id).preload('executors').firstOrFail()
}

/**
 * The filtered, paginated list of orders a user may see.
 */
export function listOrders(user: User, filters: OrderFilters) {
  // "I execute / I issued / I control" are participation itself, a subset of
  // what the user sees, so the wider visibility test is skipped for them.
  const participating = filters.role === 'executor' || filters.role === 'issuer' || filters.role === 'controller'
  const query = (participating ? Order.query() : visibleTo(Order.query(), user)).preload('executors', (executors) =>
    executors.preload('user').preload('department')
  )
  const today = DateTime.now().toISODate()!

  if (filters.role === 'issuer') query.where('orders.issuer_id', user.id)
  if (filters.role === 'controller') query.where('orders.controller_id', user.id)
  if (filters.role === 'executor') {
    query.whereIn('orders.id', (sub) =>
      sub
        .from('order_executors')
        .select('order_id')
        .where((who) => {
          who.where('user_id', user.id)
          if (user.departmentId && user.hasRole('department_head', 'executor')) who.orWhere('department_id', user.departmentId)
        })
    )
  }
  if (filters.executor) {
    // A department filter takes in its people's executor rows too.
    const { departmentId, userId } = executorTargets(filters.executor)[0]
    query.whereExists((sub) => {
      sub.from('order_executors as fe').whereRaw('fe.order_id = orders.id')
      if (userId) sub.where('fe.user_id', userId)
      else sub.where((who) => who.where('fe.department_id', departmentId!).orWhereIn('fe.user_id', (staff) => staff.from('users').select('id').where('department_id', departmentId!)))
    })
  }
  if (filters.status) query.where('orders.status', filters.status)
  if (filters.specialControl) query.where('orders.special_control', true)
  if (filters.overdue) query.whereIn('orders.status', OPEN_STATUSES).where('orders.deadline', '<', today)
  if (filters.deadlineFrom) query.where('orders.deadline', '>=', DateTime.fromJSDate(filters.deadlineFrom).toISODate()!)
  if (filters.deadlineTo) query.where('orders.deadline', '<=', DateTime.fromJSDate(filters.deadlineTo).toISODate()!)
  if (filters.q) {
    query.whereRaw(`orders.search @@ websearch_to_tsquery('russian', ?)`, [filters.q])
    // Ranking has to score every match before the first page is known, so
    // it is asked for; by deadline the list index stops after one page.
    if (filters.sort === 'relevance') {
      query.orderByRaw(`ts_rank(orders.search, websearch_to_tsquery('russian', ?)) desc`, [filters.q])
    }
  }
  // Open orders first (what is due), then closed ones; the expression matches orders_open_first_index.
  return query
    .orderByRaw(`(orders.status in ('accepted', 'removed'))`)
    .orderBy('orders.deadline', 'asc')
    .orderBy('orders.id', 'desc')
}
