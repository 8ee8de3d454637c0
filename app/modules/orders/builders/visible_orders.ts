import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'

/** Roles that see every order of the office that is not restricted. */
const SEES_ALL_NORMAL = ['admin', 'controller']

/**
 * The keys a user matches in `orders.visibility_keys`: their own id, and
 * their department's (negated) when they act for it.
 */
export function visibilityKeysOf(user: User): number[] {
  const keys = [user.id]
  if (user.departmentId && user.hasRole('department_head', 'executor')) keys.push(-user.departmentId)
  return keys
}

/**
 * Limits a query to the orders a user may see: all of them for the head;
 * every non-restricted one for admins and controllers; otherwise the orders
 * the user takes part in (issuer, controller, curator, executor in person or
 * through their department) and everything delegated below them.
 *
 * Participation is kept on each order by database triggers (see the
 * orders_visibility_keys migration), so the test is a GIN index lookup from
 * the user's side instead of a participation check on every order.
 */
export function visibleTo(query: ModelQueryBuilderContract<typeof Order>, user: User) {
  if (user.role === 'head') return query
  return query.where((visible) => {
    if (SEES_ALL_NORMAL.includes(user.role)) visible.where('orders.privacy', 'normal')
    visible.orWhereRaw('orders.visibility_keys && ?::integer[]', [visibilityKeysOf(user)])
  })
}
