import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'

export interface BlockFigures {
  block: string
  open: number
  atRisk: number
  claimedByUs: number
  awarded: number
  collected: number
  hearingsThisWeek: number
  decidedThisYear: number
}

/**
 * Lawsuit figures of every block for the Department of Control, from the
 * materialized `rollup.lawsuit_block_stats` (over `rollup.lawsuit_cases`:
 * no parties, no names), with the time they were computed. Null while the
 * rollup is being rebuilt (tenants migrating).
 */
export async function regionFigures(): Promise<{ blocks: BlockFigures[]; refreshedAt: DateTime | null } | null> {
  const ready = await tenantDb().rawQuery(`select to_regclass('rollup.lawsuit_block_stats') is not null as ready`)
  if (!ready.rows[0].ready) return null
  const [rows, freshness] = await Promise.all([
    tenantDb().rawQuery(`select * from rollup.lawsuit_block_stats order by block`),
    tenantDb().rawQuery(`select refreshed_at from rollup.freshness where name = 'lawsuit_block_stats'`),
  ])
  const at = freshness.rows[0]?.refreshed_at
  return {
    refreshedAt: at ? DateTime.fromJSDate(at) : null,
    blocks: rows.rows.map((row: Record<string, any>) => ({
      block: row.block,
      open: row.open,
      atRisk: Number(row.at_risk),
      claimedByUs: Number(row.claimed_by_us),
      awarded: Number(row.awarded),
      collected: Number(row.collected),
      hearingsThisWeek: row.hearings_this_week,
      decidedThisYear: row.decided_this_year,
    })),
  }
}
