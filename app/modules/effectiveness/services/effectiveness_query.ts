import { BODY_KINDS } from '#tenancy/naming'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Tenant from '#tenancy/tenant'
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

/** Bodies queried side by side (each holds a pooled connection for its query). */
const PARALLEL_BODIES = 5

/**
 * Runs the shared definition in the current tenant (a block's tables or the
 * control tenant's rollup). Over the rollup the region is queried block by
 * block (a few at a time); JIT is off because the planner's estimates over the
 * union-all views are far too high and JIT compiling cost seconds.
 */
export async function effectiveness(
  source: EffectivenessSource,
  level: EffectivenessLevel,
  period: Period,
  filters: EffectivenessFilters = {}
): Promise<EffectivenessRow[]> {
  if (source.blocks && !filters.block) {
    const blocks = await Tenant.query().whereIn('kind', [...BODY_KINDS]).orderBy('slug')
    // a few bodies at a time: dozens of municipalities at once would take every pooled connection
    const perBlock: EffectivenessRow[][] = []
    for (let start = 0; start < blocks.length; start += PARALLEL_BODIES) {
      const slice = blocks.slice(start, start + PARALLEL_BODIES)
      perBlock.push(...(await Promise.all(slice.map((block) => effectiveness(source, level, period, { ...filters, block: block.slug })))))
    }
    return perBlock.flat()
  }
  const { sql, bindings } = effectivenessSql(source, level, filters)
  const from = period.from.setZone(REGION_ZONE, { keepLocalTime: true }).startOf('day')
  const to = period.to.setZone(REGION_ZONE, { keepLocalTime: true }).startOf('day').plus({ days: 1 })
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
    .filter((row: EffectivenessRow) => level !== 'block' || row.executed + row.overdue_open + row.reported > 0)
    .map((row: EffectivenessRow) => ({
      ...row,
      on_time_pct: percent(row.on_time, row.executed),
      returned_pct: percent(row.returned, row.reported),
      overdue: row.overdue_open + row.executed_late,
    }))
}
