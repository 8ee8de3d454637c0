import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'

/** Roles that see every order of the office that is not restricted. */
const SEES_ALL_NORMAL = ['admin', 'controller']

/**
 * "The user takes part in order <alias>": issuer, controller, curator, or an
 * executor in person or through their department. Index lookups per row.
 */
function participation(alias: string) {
  return `(${alias}.issuer_id = ? or ${alias}.controller_id = ? or ${alias}.curator_id = ?
    or exists (select 1 from order_executors pe where pe.order_id = ${alias}.id
               and (pe.user_id = ? or (pe.department_id = ? and ? in ('department_head', 'executor')))))`
}

/**
 * Limits a query to the orders a user may see: all of them for the head;
 * every non-restricted one for admins and controllers; otherwise the orders
 * the user takes part in and everything delegated below them.
 */
export function visibleTo(query: ModelQueryBuilderContract<typeof Order>, user: User) {
  if (user.role === 'head') return query
  const bindings = [user.id, user.id, user.id, user.id, user.departmentId ?? 0, user.role]
  return query.where((visible) => {
    if (SEES_ALL_NORMAL.includes(user.role)) visible.where('orders.privacy', 'normal')
    visible
      .orWhereRaw(participation('orders'), bindings)
      .orWhereRaw(
        `(cardinality(orders.ancestor_ids) > 0 and exists (
           select 1 from orders ancestor where ancestor.id = any(orders.ancestor_ids) and ${participation('ancestor')}))`,
        bindings
      )
  })
}
