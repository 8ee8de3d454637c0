import type { RollupAggregate, RollupSource } from '#core/module_manifest'
import { REGION_TODAY_SQL, REGION_ZONE } from '#core/region_time'

/** Today in the region when the aggregate is refreshed (the refresh sets it from the platform's clock). */
const TODAY = REGION_TODAY_SQL

/**
 * The same calendar as a block's own orders dashboard (builders/orders_dashboard.ts), so that both
 * show the same figures for the same moment: "this week" runs to Sunday, "this month" from the 1st
 * (midnight in the region).
 */
const WEEK_END = `(date_trunc('week', ${TODAY})::date + 6)`
const MONTH_START = `(date_trunc('month', ${TODAY})::date::timestamp at time zone '${REGION_ZONE}')`

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

/** The order figures of one block, read from that block's own tables. */
function orderStatsOf(block: string, source: RollupSource) {
  return `select o.block,
                 coalesce(e.department_id, p.department_id, 0) as department_id,
                 o.status,
                 o.special_control,
                 (o.status in ${OPEN} and o.deadline < ${TODAY}) as overdue,
                 (o.status in ${OPEN} and o.deadline between ${TODAY} and ${WEEK_END}) as due_week,
                 (o.status in ('accepted', 'removed') and o.accepted_at >= ${MONTH_START}) as executed_month,
                 count(*)::int as orders
            from ${source(block, 'orders')} o
            left join ${source(block, 'order_executors')} e on e.order_id = o.id and e.role = 'responsible'
            left join ${source(block, 'staff')} p on p.id = e.user_id
           where o.status <> 'draft'
           group by 1, 2, 3, 4, 5, 6, 7`
}

/** With no blocks: the same columns, no rows. */
const NO_ORDER_STATS = `select o.block, 0 as department_id, o.status, o.special_control, false as overdue, false as due_week, false as executed_month, 0 as orders
                          from rollup.orders o where false`

/**
 * The heavy figures of the control dashboard, materialized over the rollup
 * views and refreshed every 30 seconds. An order counts for the department of
 * its responsible executor (a person counts for their department); drafts
 * are not orders yet.
 */
export const controlAggregates: RollupAggregate[] = [
  {
    name: 'order_stats',
    // One SELECT per block over its own tables: joined across the union-all views, the refresh took 12 s
    // at 9 × 200 000 orders (bench/rollup.ts), and filtering the views per block took quadratic planning.
    sql: (blocks, source) => (blocks.length ? blocks.map((block) => `(${orderStatsOf(block, source)})`).join('\n union all \n') : NO_ORDER_STATS),
    uniqueBy: ['block', 'department_id', 'status', 'special_control', 'overdue', 'due_week', 'executed_month'],
  },
  {
    name: 'order_weeks',
    sql: `select block, week, sum(issued)::int as issued, sum(executed)::int as executed, sum(on_time)::int as executed_on_time
            from (
              select block, date_trunc('week', issued_at)::date as week, 1 as issued, 0 as executed, 0 as on_time
                from rollup.orders where issued_at >= ${TODAY} - 182
              union all
              select block, date_trunc('week', accepted_at)::date, 0, 1,
                     case when deadline is null or completed_on <= deadline then 1 else 0 end
                from rollup.orders where accepted_at >= ${TODAY} - 182
            ) events
           group by block, week`,
    uniqueBy: ['block', 'week'],
  },
]
