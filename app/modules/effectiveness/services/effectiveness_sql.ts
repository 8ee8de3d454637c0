import { DateTime } from 'luxon'

import { REGION_ZONE } from '#core/region_time'

export const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`
export const EXECUTED = `('accepted', 'removed')`

/**
 * Where the orders come from: a block's own tables, or the control
 * tenant's rollup views over every block (the same columns plus `block`).
 */
export interface EffectivenessSource {
  orders: string
  executors: string
  reports: string
  staff: string
  departments: string
  /** Whether rows carry a `block` column (the rollup), joined on alongside ids. */
  blocks: boolean
}

export const BLOCK_SOURCE: EffectivenessSource = {
  orders: 'orders',
  executors: 'order_executors',
  reports: 'order_reports',
  staff: 'users',
  departments: 'departments',
  blocks: false,
}

export const ROLLUP_SOURCE: EffectivenessSource = {
  orders: 'rollup.orders',
  executors: 'rollup.order_executors',
  reports: 'rollup.order_reports',
  staff: 'rollup.staff',
  departments: 'rollup.departments',
  blocks: true,
}

export type EffectivenessLevel = 'block' | 'department' | 'person'

export interface Period {
  from: DateTime
  to: DateTime
}

export interface EffectivenessFilters {
  block?: string
  departmentId?: number
}

export interface EffectivenessRow {
  block: string | null
  department_id: number | null
  person_id: number | null
  department_ru: string | null
  department_en: string | null
  full_name: string | null
  executed: number
  on_time: number
  executed_late: number
  avg_days: number | null
  overdue_open: number
  reported: number
  returned: number
  /** Derived: on_time ÷ executed, %. */
  on_time_pct: number | null
  /** Derived: returned ÷ reported, %. */
  returned_pct: number | null
  /** Derived: open past deadline now + executed late in the period. */
  overdue: number
}

/** The current quarter in the region's zone, the default period. */
export function currentQuarter(now = DateTime.now().setZone(REGION_ZONE)): Period {
  return { from: now.startOf('quarter').startOf('day'), to: now.endOf('quarter').startOf('day') }
}

/**
 * The one SQL definition of effectiveness, for either source. An order
 * counts for its responsible executor: the person, and the department of
 * the person (or the department itself when a department is responsible).
 * In the period [from, to] (Moscow days):
 * - executed: accepted (or since removed from control) within the period;
 *   its execution day is the reported completion date, else the acceptance day;
 * - on time: executed no later than the deadline (no deadline counts as on time);
 * - days to execute: issue day → execution day, averaged over the executed;
 * - returned rate: of the reports submitted in the period, the share returned
 *   for rework (a count of reports, so that periods add up day by day: the
 *   region's figures are kept per day, see ../aggregates.ts);
 * - overdue: open past the deadline today, plus executed late in the period.
 */
export function effectivenessSql(source: EffectivenessSource, level: EffectivenessLevel, filters: EffectivenessFilters = {}) {
  const b = source.blocks
  // Within one block of the rollup every alias is filtered on it (below) instead of joined on it.
  const on = (left: string, right: string) => (b && !filters.block ? `${left}.block = ${right}.block and ` : '')
  const blockCol = (alias: string) => (b ? `${alias}.block, ` : '')
  const keys = [...(b ? ['block'] : []), ...(level === 'block' ? [] : ['department_id']), ...(level === 'person' ? ['person_id'] : [])]
  if (level === 'block' && !b) throw new Error('A block has no block level')

  const conditions: string[] = []
  const bindings: Record<string, unknown> = {}
  if (filters.block && b) {
    conditions.push('f.block = :block')
    bindings.block = filters.block
  }
  if (filters.departmentId !== undefined) {
    conditions.push('f.department_id = :departmentId')
    bindings.departmentId = filters.departmentId
  }
  if (level === 'person') conditions.push('f.person_id is not null')
  // Over the rollup every view is filtered on the one block, so the planner keeps only that block's
  // branch of each union: joins across union-all views are not partition-wise (bench/rollup.ts measured
  // a region-wide join pairing every block with every other); the region is queried block by block.
  const blockFilter = (alias: string) => (filters.block && b ? ` and ${alias}.block = :block` : '')

  const sql = `
    with period_reports as (
      select ${blockCol('r')}r.order_id, count(*)::int as reports, count(*) filter (where r.status = 'returned')::int as returned
        from ${source.reports} r
       where r.created_at >= :fromTs and r.created_at < :toTs${blockFilter('r')}
       group by ${blockCol('r')}r.order_id
    ),
    -- the period's orders: accepted in it, open past the deadline now, or reported on in it; gathered
    -- first by what each condition's index finds, so only those orders are joined to their executors
    candidates as (
      select ${blockCol('o')}o.id
        from ${source.orders} o
       where o.status in ${EXECUTED} and o.accepted_at >= :fromTs and o.accepted_at < :toTs${blockFilter('o')}
      union
      select ${blockCol('o')}o.id
        from ${source.orders} o
       where o.status in ${OPEN} and o.deadline < :today${blockFilter('o')}
      union
      select ${blockCol('pr')}pr.order_id from period_reports pr
    ),
    facts as (
      select ${blockCol('o')}coalesce(e.department_id, p.department_id) as department_id, e.user_id as person_id,
             (o.status in ${EXECUTED} and o.accepted_at >= :fromTs and o.accepted_at < :toTs) as executed,
             coalesce(o.completed_on, (o.accepted_at at time zone '${REGION_ZONE}')::date) as executed_on,
             (o.issued_at at time zone '${REGION_ZONE}')::date as issued_on,
             o.deadline,
             (o.status in ${OPEN} and o.deadline < :today) as overdue_open,
             coalesce(pr.reports, 0) as reports,
             coalesce(pr.returned, 0) as returned
        from candidates c
        join ${source.orders} o on ${on('o', 'c')}o.id = c.id${blockFilter('o')}
        join ${source.executors} e on ${on('e', 'o')}e.order_id = o.id and e.role = 'responsible'
        left join ${source.staff} p on ${on('p', 'e')}p.id = e.user_id${blockFilter('p')}
        left join period_reports pr on ${on('pr', 'o')}pr.order_id = o.id
       where o.status <> 'draft'${blockFilter('e')}
    ),
    grouped as (
      select ${keys.length ? keys.map((key) => `f.${key}`).join(', ') + ',' : ''}
             count(*) filter (where f.executed)::int as executed,
             count(*) filter (where f.executed and (f.deadline is null or f.executed_on <= f.deadline))::int as on_time,
             count(*) filter (where f.executed and f.executed_on > f.deadline)::int as executed_late,
             round(avg(f.executed_on - f.issued_on) filter (where f.executed), 1)::float as avg_days,
             count(*) filter (where f.overdue_open)::int as overdue_open,
             coalesce(sum(f.reports), 0)::int as reported,
             coalesce(sum(f.returned), 0)::int as returned
        from facts f
       ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
       ${keys.length ? `group by ${keys.map((key) => `f.${key}`).join(', ')}` : ''}
    )
    select ${b ? 'g.block' : 'null::text as block'},
           ${level === 'block' ? 'null::int as department_id' : 'g.department_id'},
           ${level === 'person' ? 'g.person_id' : 'null::int as person_id'},
           ${level === 'block' ? 'null::text as department_ru, null::text as department_en' : 'd.name_ru as department_ru, d.name_en as department_en'},
           ${level === 'person' ? 's.full_name' : 'null::text as full_name'},
           g.executed, g.on_time, g.executed_late, g.avg_days, g.overdue_open, g.reported, g.returned
      from grouped g
      ${level === 'block' ? '' : `left join ${source.departments} d on ${on('d', 'g')}d.id = g.department_id${blockFilter('d')}`}
      ${level === 'person' ? `left join ${source.staff} s on ${on('s', 'g')}s.id = g.person_id${blockFilter('s')}` : ''}`
  return { sql, bindings }
}
