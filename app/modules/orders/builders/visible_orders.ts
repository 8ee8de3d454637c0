import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'

/** Roles that see every order of the office that is not restricted. */
const SEES_ALL_NORMAL = ['admin', 'controller']

const PARTICIPATION = `
  select o.id from orders o
   where o.issuer_id = ? or o.controller_id = ? or o.curator_id = ?
  union
  select e.order_id from order_executors e
   where e.user_id = ? or (e.department_id = ? and ? in ('department_head', 'executor'))`

/**
 * Limits a query to the orders a user may see: all of them for the head;
 * every non-restricted one for admins and controllers; otherwise the orders
 * the user takes part in (issuer, controller, curator, executor in person or
 * through the department) and everything delegated below them.
 */
export function visibleTo(query: ModelQueryBuilderContract<typeof Order>, user: User) {
  if (user.role === 'head') return query
  const bindings = [user.id, user.id, user.id, user.id, user.departmentId ?? 0, user.role]
  return query.where((visible) => {
    if (SEES_ALL_NORMAL.includes(user.role)) visible.where('orders.privacy', 'normal')
    visible
      .orWhereRaw(`orders.id in (${PARTICIPATION})`, bindings)
      .orWhereRaw(`orders.ancestor_ids && array(select id from (${PARTICIPATION}) as mine)`, bindings)
  })
}
