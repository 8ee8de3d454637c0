import { BODY_KINDS } from '#tenancy/naming'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Tenant from '#tenancy/tenant'
import { freshness, riskList, type RollupOrderRow } from '#modules/control/services/control_figures'
import { ROLLUP_SOURCE, effectiveness, type EffectivenessRow, type Period } from '#modules/effectiveness/services/effectiveness_query'
import type { ReportKind } from '#modules/reports/services/report_periods'

/** Overdue orders listed in a report (the count is always complete). */
export const OVERDUE_LIST_LIMIT = 500
/** Departments shown at the top and at the bottom of effectiveness. */
export const TOP_BOTTOM = 5

export interface ReportFigures {
  open: number
  overdue: number
  special_control: number
  executed: number
  on_time_pct: number | null
}

export interface ReportRow extends ReportFigures {
  block: string
  block_name_ru: string
  block_name_en: string
  department_id: number | null
  department_ru: string | null
  department_en: string | null
}

export interface ReportContent {
  kind: ReportKind
  period: Period
  asOf: DateTime | null
  totals: ReportFigures
  blocks: ReportRow[]
  departments: ReportRow[]
  overdue: RollupOrderRow[]
  overdueTotal: number
  top: (EffectivenessRow & { block_name_ru: string; block_name_en: string })[]
  bottom: (EffectivenessRow & { block_name_ru: string; block_name_en: string })[]
}

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null)

/**
 * What a periodic control report says, read in the control tenant through
 * the rollup only: open / overdue / special control now (the materialized
 * figures, with their age), executed and on time in the period (the shared
 * effectiveness definition), the overdue list, and the departments at the
 * top and the bottom of on-time execution.
 */
export async function reportContent(kind: ReportKind, period: Period): Promise<ReportContent> {
  const db = tenantDb()
  const blocks = new Map((await Tenant.query().whereIn('kind', [...BODY_KINDS])).map((block) => [block.slug, block]))
  const [stats, byDepartment, byBlock, overdue, asOf] = await Promise.all([
    db.rawQuery(
      `select s.block, nullif(s.department_id, 0) as department_id, d.name_ru as department_ru, d.name_en as department_en,
              coalesce(sum(s.orders) filter (where s.status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')), 0)::int as open,
              coalesce(sum(s.orders) filter (where s.overdue), 0)::int as overdue,
              coalesce(sum(s.orders) filter (where s.special_control and s.status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')), 0)::int as special_control
         from rollup.order_stats s
         left join rollup.departments d on d.block = s.block and d.id = s.department_id
        group by 1, 2, 3, 4`
    ),
    effectiveness(ROLLUP_SOURCE, 'department', period),
    effectiveness(ROLLUP_SOURCE, 'block', period),
    riskList('overdue', { page: 1, perPage: OVERDUE_LIST_LIMIT }),
    freshness(),
  ])
  const blockName = (slug: string) => ({
    block_name_ru: blocks.get(slug)?.nameRu ?? slug,
    block_name_en: blocks.get(slug)?.nameEn ?? slug,
  })

  // One row per block × department that has open orders now or executed ones in the period.
  const departments = new Map<string, ReportRow>()
  const key = (block: string, departmentId: number | null) => `${block}/${departmentId ?? 0}`
  for (const row of stats.rows) {
    departments.set(key(row.block, row.department_id), {
      ...row,
      ...blockName(row.block),
      executed: 0,
      on_time_pct: null,
    })
  }
  for (const row of byDepartment) {
    const existing = departments.get(key(row.block!, row.department_id))
    const figures = { executed: row.executed, on_time_pct: row.on_time_pct }
    if (existing) Object.assign(existing, figures)
    else
      departments.set(key(row.block!, row.department_id), {
        block: row.block!,
        ...blockName(row.block!),
        department_id: row.department_id,
        department_ru: row.department_ru,
        department_en: row.department_en,
        open: 0,
        overdue: 0,
        special_control: 0,
        ...figures,
      })
  }
  const departmentRows = [...departments.values()].sort(
    (a, b) => a.block_name_ru.localeCompare(b.block_name_ru) || (a.department_ru ?? '').localeCompare(b.department_ru ?? '')
  )

  const blockRows: ReportRow[] = [...new Set([...departmentRows.map((row) => row.block)])].map((slug) => {
    const rows = departmentRows.filter((row) => row.block === slug)
    const executed = byBlock.find((row) => row.block === slug)
    return {
      block: slug,
      ...blockName(slug),
      department_id: null,
      department_ru: null,
      department_en: null,
      open: rows.reduce((sum, row) => sum + row.open, 0),
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
      special_control: rows.reduce((sum, row) => sum + row.special_control, 0),
      executed: executed?.executed ?? 0,
      on_time_pct: executed?.on_time_pct ?? null,
    }
  })
  const onTime = byBlock.reduce((sum, row) => sum + row.on_time, 0)
  const executed = byBlock.reduce((sum, row) => sum + row.executed, 0)
  const totals: ReportFigures = {
    open: blockRows.reduce((sum, row) => sum + row.open, 0),
    overdue: blockRows.reduce((sum, row) => sum + row.overdue, 0),
    special_control: blockRows.reduce((sum, row) => sum + row.special_control, 0),
    executed,
    on_time_pct: pct(onTime, executed),
  }

  const ranked = byDepartment
    .filter((row) => row.executed > 0)
    .map((row) => ({ ...row, ...blockName(row.block!) }))
    .sort((a, b) => b.on_time_pct! - a.on_time_pct! || a.overdue - b.overdue || b.executed - a.executed)
  const top = ranked.slice(0, TOP_BOTTOM)
  const bottom = ranked.slice(Math.max(TOP_BOTTOM, ranked.length - TOP_BOTTOM)).reverse()

  return {
    kind,
    period,
    asOf,
    totals,
    blocks: blockRows.sort((a, b) => a.block_name_ru.localeCompare(b.block_name_ru)),
    departments: departmentRows,
    overdue: overdue.slice(0, OVERDUE_LIST_LIMIT),
    overdueTotal: totals.overdue,
    top,
    bottom,
  }
}
