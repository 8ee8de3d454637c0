import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { GRAINS } from '#modules/effectiveness/aggregates'
import { REGION_ZONE } from '#core/region_time'
import {
  effectivenessSql,
  type EffectivenessFilters,
  type EffectivenessLevel,
  type EffectivenessRow,
  type EffectivenessSource,
  type Period,
} from '#modules/effectiveness/services/effectiveness_sql'

export * from '#modules/effectiveness/services/effectiveness_sql'

function percent(part: number, whole: number) {
  return whole ? Math.round((part / whole) * 1000) / 10 : null
}

/**
 * The figures of a level over a period: a block's own page computes them from
 * its tables; the control tenant sums the rollup's per-day figures
 * (../aggregates.ts), as fresh as their last refresh. JIT is off because the
 * planner's estimates over a block's joins are far too high and JIT compiling
 * cost seconds.
 */
export async function effectiveness(
  source: EffectivenessSource,
  level: EffectivenessLevel,
  period: Period,
  filters: EffectivenessFilters = {}
): Promise<EffectivenessRow[]> {
  const rows = source.blocks ? await regionRows(level, period, filters) : await liveRows(source, level, period, filters)
  return rows
    .filter((row: EffectivenessRow) => level !== 'block' || row.executed + row.overdue_open + row.reported > 0)
    .map((row: EffectivenessRow) => ({
      ...row,
      on_time_pct: percent(row.on_time, row.executed),
      returned_pct: percent(row.returned, row.reported),
      overdue: row.overdue_open + row.executed_late,
    }))
}

function periodBounds(period: Period) {
  const from = period.from.setZone(REGION_ZONE, { keepLocalTime: true }).startOf('day')
  const to = period.to.setZone(REGION_ZONE, { keepLocalTime: true }).startOf('day').plus({ days: 1 })
  return { from, to }
}

/**
 * Sums the rollup's per-day figures of the period at the level's grain,
 * beside the open orders past their deadline at that grain (a figure of
 * now, kept with the days).
 */
async function regionRows(level: EffectivenessLevel, period: Period, filters: EffectivenessFilters): Promise<EffectivenessRow[]> {
  const { from, to } = periodBounds(period)
  const keys = ['block', ...(level === 'block' ? [] : ['department_id']), ...(level === 'person' ? ['person_id'] : [])]
  const bindings: Record<string, string | number> = {
    grain: GRAINS[level],
    fromDay: from.toISODate()!,
    toDay: to.minus({ days: 1 }).toISODate()!,
  }
  const dayConditions = ['grain = :grain', 'day between :fromDay and :toDay']
  const overdueConditions: string[] = []
  if (filters.block) {
    dayConditions.push('block = :block')
    overdueConditions.push('block = :block')
    bindings.block = filters.block
  }
  if (filters.departmentId !== undefined) {
    dayConditions.push('department_id = :departmentId')
    overdueConditions.push('department_id = :departmentId')
    bindings.departmentId = filters.departmentId
  }
  if (level === 'person') dayConditions.push('person_id <> 0')
  const overdue = `select ${keys.join(', ')}, overdue_open
                     from rollup.effectiveness_overdue
                    where ${['grain = :grain', ...overdueConditions, ...(level === 'person' ? ['person_id <> 0'] : [])].join(' and ')}`
  const on = keys.map((key) => `o.${key} = d.${key}`).join(' and ')
  // names joined within the one body when there is one: a join on the column would read every body's branch
  const sameBody = (alias: string) => (filters.block ? ` and ${alias}.block = :block` : '')
  const result = await tenantDb().rawQuery(
    `with days as (
       select ${keys.join(', ')}, sum(executed)::int as executed, sum(on_time)::int as on_time,
              sum(days)::bigint as days, sum(reports)::int as reported, sum(returned)::int as returned
         from rollup.effectiveness_days
        where ${dayConditions.join(' and ')}
        group by ${keys.join(', ')}
     ),
     overdue as (${overdue}),
     figures as (
       select ${keys.map((key) => `coalesce(d.${key}, o.${key}) as ${key}`).join(', ')},
              coalesce(d.executed, 0) as executed, coalesce(d.on_time, 0) as on_time, d.days,
              coalesce(d.reported, 0) as reported, coalesce(d.returned, 0) as returned, coalesce(o.overdue_open, 0) as overdue_open
         from days d full join overdue o on ${on}
     )
     select f.block,
            ${level === 'block' ? 'null::int' : 'nullif(f.department_id, 0)'} as department_id,
            ${level === 'person' ? 'f.person_id' : 'null::int'} as person_id,
            ${level === 'block' ? 'null::text as department_ru, null::text as department_en' : 'dep.name_ru as department_ru, dep.name_en as department_en'},
            ${level === 'person' ? 's.full_name' : 'null::text as full_name'},
            f.executed, f.on_time, f.executed - f.on_time as executed_late,
            round(f.days::numeric / nullif(f.executed, 0), 1)::float as avg_days,
            f.overdue_open, f.reported, f.returned
       from figures f
       ${level === 'block' ? '' : `left join rollup.departments dep on dep.block = f.block and dep.id = f.department_id${sameBody('dep')}`}
       ${level === 'person' ? `left join rollup.staff s on s.block = f.block and s.id = f.person_id${sameBody('s')}` : ''}`,
    bindings
  )
  return result.rows
}

/** Computes the figures from a block's own tables. */
async function liveRows(source: EffectivenessSource, level: EffectivenessLevel, period: Period, filters: EffectivenessFilters): Promise<EffectivenessRow[]> {
  const { sql, bindings } = effectivenessSql(source, level, filters)
  const { from, to } = periodBounds(period)
  const result = await tenantDb().transaction(async (trx) => {
    await trx.rawQuery('set local jit = off')
    return trx.rawQuery(sql, {
      ...bindings,
      fromTs: from.toJSDate(),
      toTs: to.toJSDate(),
      today: DateTime.now().setZone(REGION_ZONE).toISODate()!,
    })
  })
  return result.rows
}
