import type { RollupAggregate } from '#core/module_manifest'

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

/** The order figures of one block (or, with no block, of every block joined on the block column). */
function orderStatsOf(block: string | null) {
  const same = (alias: string, other: string) => (block ? `${alias}.block = ${literal(block)}` : `${alias}.block = ${other}.block`)
  return `select o.block,
                 coalesce(e.department_id, p.department_id, 0) as department_id,
                 o.status,
                 o.special_control,
                 (o.status in ${OPEN} and o.deadline < current_date) as overdue,
                 (o.status in ${OPEN} and o.deadline between current_date and current_date + 6) as due_week,
                 count(*)::int as orders
            from rollup.orders o
            left join rollup.order_executors e on ${same('e', 'o')} and e.order_id = o.id and e.role = 'responsible'
            left join rollup.staff p on ${same('p', 'e')} and p.id = e.user_id
           where o.status <> 'draft'${block ? ` and o.block = ${literal(block)}` : ''}
           group by 1, 2, 3, 4, 5, 6`
}

/**
 * The heavy figures of the control dashboard, materialized over the rollup
 * views and refreshed every 30 seconds. An order counts for the department of
 * its responsible executor (a person counts for their department); drafts
 * are not orders yet.
 */
export const controlAggregates: RollupAggregate[] = [
  {
    name: 'order_stats',
    // One SELECT per block, each view filtered on it: the planner does not join the union-all views
    // block by block, and the region-wide join cost 12 s per refresh at 9 × 200 000 orders (bench/rollup.ts).
    sql: (blocks) => (blocks.length ? blocks.map((block) => `(${orderStatsOf(block)})`).join('\n union all \n') : orderStatsOf(null)),
    uniqueBy: ['block', 'department_id', 'status', 'special_control', 'overdue', 'due_week'],
  },
  {
    name: 'order_weeks',
    sql: `select block, week, sum(issued)::int as issued, sum(executed)::int as executed, sum(on_time)::int as executed_on_time
            from (
              select block, date_trunc('week', issued_at)::date as week, 1 as issued, 0 as executed, 0 as on_time
                from rollup.orders where issued_at >= current_date - 182
              union all
              select block, date_trunc('week', accepted_at)::date, 0, 1,
                     case when deadline is null or completed_on <= deadline then 1 else 0 end
                from rollup.orders where accepted_at >= current_date - 182
            ) events
           group by block, week`,
    uniqueBy: ['block', 'week'],
  },
]
