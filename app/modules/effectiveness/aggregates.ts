import type { RollupAggregate, RollupSource } from '#core/module_manifest'
import { REGION_TODAY_SQL, REGION_ZONE } from '#core/region_time'
import { EXECUTED, OPEN } from '#modules/effectiveness/services/effectiveness_sql'

/**
 * The grains the region's effectiveness is kept at, one `grain` value each
 * (PostgreSQL's `grouping()` of the keys left out): a body, a department of a
 * body, a person of a department.
 */
export const GRAINS = { person: 0, department: 1, block: 3 } as const

const GROUPING_SETS = `grouping sets ((block, day), (block, department_id, day), (block, department_id, person_id, day))`
const OPEN_GROUPING_SETS = `grouping sets ((block), (block, department_id), (block, department_id, person_id))`

/**
 * One body's effectiveness events, a row per event: an order executed
 * (accepted, or since removed from control) on a Moscow day, and a report
 * submitted on a Moscow day. Each counts for the order's responsible executor:
 * the person (0 for a department) and the department of the person (or the
 * department itself; 0 for none). Drafts are not orders yet.
 */
function eventsOf(block: string, source: RollupSource) {
  return `select o.block,
                 coalesce(e.department_id, p.department_id, 0) as department_id,
                 coalesce(e.user_id, 0) as person_id,
                 (o.accepted_at at time zone '${REGION_ZONE}')::date as day,
                 1 as executed,
                 case when o.deadline is null or coalesce(o.completed_on, (o.accepted_at at time zone '${REGION_ZONE}')::date) <= o.deadline then 1 else 0 end as on_time,
                 coalesce(o.completed_on, (o.accepted_at at time zone '${REGION_ZONE}')::date) - (o.issued_at at time zone '${REGION_ZONE}')::date as days,
                 0 as reports,
                 0 as returned
            from ${source(block, 'orders')} o
            join ${source(block, 'order_executors')} e on e.order_id = o.id and e.role = 'responsible'
            left join ${source(block, 'staff')} p on p.id = e.user_id
           where o.status in ${EXECUTED} and o.accepted_at is not null
          union all
          select o.block,
                 coalesce(e.department_id, p.department_id, 0),
                 coalesce(e.user_id, 0),
                 (r.created_at at time zone '${REGION_ZONE}')::date,
                 0, 0, 0,
                 1,
                 case when r.status = 'returned' then 1 else 0 end
            from ${source(block, 'order_reports')} r
            join ${source(block, 'orders')} o on o.id = r.order_id
            join ${source(block, 'order_executors')} e on e.order_id = o.id and e.role = 'responsible'
            left join ${source(block, 'staff')} p on p.id = e.user_id
           where o.status <> 'draft'`
}

/** One body's orders open past their deadline on the region's today, per executor. */
function overdueOf(block: string, source: RollupSource) {
  return `select o.block,
                 coalesce(e.department_id, p.department_id, 0) as department_id,
                 coalesce(e.user_id, 0) as person_id
            from ${source(block, 'orders')} o
            join ${source(block, 'order_executors')} e on e.order_id = o.id and e.role = 'responsible'
            left join ${source(block, 'staff')} p on p.id = e.user_id
           where o.status in ${OPEN} and o.deadline < ${REGION_TODAY_SQL}`
}

/** With no bodies: the same columns, no rows. */
function none(columns: string) {
  return `select ${columns} where false`
}

/**
 * The region's effectiveness kept by day, so that any period is a sum over
 * its days (bench/rollup.ts: summing a quarter takes milliseconds where
 * joining every body's orders took seconds). Recomputing it reads every
 * order of the region, so the schedule renews it every five minutes rather
 * than with the dashboard's figures every 30 s; pages say how fresh it is.
 * The orders open past their deadline now go with them, per person too (the
 * body's rollup views, read at request time, cost a second of planning).
 */
export const EFFECTIVENESS_REFRESH_SECONDS = 300

export const effectivenessAggregates: RollupAggregate[] = [
  {
    name: 'effectiveness_days',
    sql: (blocks, source) =>
      blocks.length
        ? `select grouping(department_id, person_id) as grain, block,
                  coalesce(department_id, 0) as department_id, coalesce(person_id, 0) as person_id, day,
                  sum(executed)::int as executed, sum(on_time)::int as on_time, sum(days)::int as days,
                  sum(reports)::int as reports, sum(returned)::int as returned
             from (${blocks.map((block) => `(${eventsOf(block, source)})`).join('\n union all \n')}) events
            group by ${GROUPING_SETS}`
        : none(`0 as grain, ''::text as block, 0 as department_id, 0 as person_id, current_date as day, 0 as executed,
                0 as on_time, 0 as days, 0 as reports, 0 as returned`),
    uniqueBy: ['grain', 'block', 'department_id', 'person_id', 'day'],
    refreshEverySeconds: EFFECTIVENESS_REFRESH_SECONDS,
  },
  {
    name: 'effectiveness_overdue',
    sql: (blocks, source) =>
      blocks.length
        ? `select grouping(department_id, person_id) as grain, block,
                  coalesce(department_id, 0) as department_id, coalesce(person_id, 0) as person_id,
                  count(*)::int as overdue_open
             from (${blocks.map((block) => `(${overdueOf(block, source)})`).join('\n union all \n')}) overdue
            group by ${OPEN_GROUPING_SETS}`
        : none(`0 as grain, ''::text as block, 0 as department_id, 0 as person_id, 0 as overdue_open`),
    uniqueBy: ['grain', 'block', 'department_id', 'person_id'],
    refreshEverySeconds: EFFECTIVENESS_REFRESH_SECONDS,
  },
]
