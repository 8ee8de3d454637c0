import { DateTime } from 'luxon'
import PlannerItem from '#modules/planner/models/planner_item'

/**
 * Delegated-task control: planner items that other people linked to orders
 * the user issued (including orders he delegated further down: sub-orders
 * are issued by the delegating person), and to every order below those.
 * Items from 30 days ago on, soonest first.
 */
export function delegatedItems(userId: number, since: DateTime = DateTime.now().minus({ days: 30 })) {
  return PlannerItem.query()
    .whereNot('planner_items.user_id', userId)
    .whereIn('planner_items.order_id', (orders) =>
      orders
        .from('orders')
        .select('orders.id')
        .where('orders.issuer_id', userId)
        .orWhereRaw(
          `cardinality(orders.ancestor_ids) > 0 and exists (select 1 from orders issued where issued.id = any(orders.ancestor_ids) and issued.issuer_id = ?)`,
          [userId]
        )
    )
    .where((recent) => recent.where('planner_items.series_ends_at', '>=', since.toISO()!))
    .preload('user', (user) => user.select('id', 'full_name', 'department_id'))
    .preload('order', (order) => order.select('id', 'number', 'text', 'deadline', 'status'))
    .orderBy('planner_items.starts_at')
    .limit(500)
}
