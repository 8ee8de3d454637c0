import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import {
  assess,
  type Assessment,
  type PositionFacts,
  type StaffingFigures,
  type StaffingThresholds,
} from '#modules/staffing/services/risk_rules'
import { loadThresholds } from '#modules/staffing/services/thresholds'
import { cachedFigures } from '#modules/staffing/services/figures_cache'

/**
 * Where the figures come from: a tenant's own tables, or the control
 * rollup's views over every block (grouped by block as well).
 */
export interface FiguresSource {
  positions: string
  staff: string
  /** Column naming the block, or null inside one tenant. */
  block: string | null
}

export const OWN_TABLES: FiguresSource = { positions: 'staffing_positions', staff: 'staffing_staff', block: null }
export const ROLLUP_VIEWS: FiguresSource = { positions: 'rollup.staffing_positions', staff: 'rollup.staffing_staff', block: 'block' }

export interface UnitFigures extends StaffingFigures {
  block: string | null
  departmentId: number
  vacantFte: number
  positions: number
}

const keyOf = (block: string | null, departmentId: number) => `${block ?? ''}:${departmentId}`

/**
 * The figures of every department in force on `today`, in three aggregate
 * queries whatever the size of the table: approved/actual/vacant FTE and
 * long vacancies, the key posts not filled, headcount and departures of the
 * last twelve months.
 */
export async function loadFigures(
  client: QueryClientContract,
  source: FiguresSource,
  thresholds: StaffingThresholds,
  today: DateTime,
  departmentIds: number[] | null
) {
  const day = today.toISODate()!
  const yearAgo = today.minus({ years: 1 }).toISODate()!
  const blockColumn = source.block ? `${source.block}::text` : 'null::text'
  const onlyDepartments = departmentIds ? 'and department_id = any(?)' : ''
  const departmentBinding = departmentIds ? [departmentIds] : []
  const inForce = `effective_from <= ? and (effective_to is null or effective_to >= ?) ${onlyDepartments}`

  const [positions, keyPosts, staff] = await Promise.all([
    client.rawQuery(
      `select ${blockColumn} as block, department_id,
              sum(approved_fte)::float8 as approved, sum(actual_fte)::float8 as actual,
              sum(greatest(approved_fte - actual_fte, 0))::float8 as vacant, count(*)::int as positions,
              count(*) filter (where status = 'vacant' and vacant_since < ?::date - ?::int)::int as long_vacancies
         from ${source.positions}
        where ${inForce}
        group by 1, 2`,
      [day, thresholds.vacancyDays, day, day, ...departmentBinding]
    ),
    client.rawQuery(
      `select ${blockColumn} as block, department_id, title, key_post, status,
              to_char(vacant_since, 'YYYY-MM-DD') as vacant_since, to_char(acting_since, 'YYYY-MM-DD') as acting_since
         from ${source.positions}
        where ${inForce} and key_post is not null and status <> 'filled'
        order by 1, 2, title`,
      [day, day, ...departmentBinding]
    ),
    client.rawQuery(
      `select ${blockColumn} as block, department_id,
              count(*) filter (where ended_on is null and status = 'filled')::int as headcount,
              count(*) filter (where status = 'filled' and ended_on > ? and ended_on <= ?)::int as departures
         from ${source.staff}
        where (ended_on is null or ended_on > ?) ${onlyDepartments}
        group by 1, 2`,
      [yearAgo, day, yearAgo, ...departmentBinding]
    ),
  ])

  // Plain objects (not maps), so the result can be cached as JSON.
  const units: Record<string, UnitFigures> = {}
  const unit = (block: string | null, departmentId: number) => {
    const key = keyOf(block, departmentId)
    units[key] ??= { block, departmentId, approvedFte: 0, actualFte: 0, vacantFte: 0, positions: 0, longVacancies: 0, departures: 0, headcount: 0 }
    return units[key]
  }
  for (const row of positions.rows) {
    Object.assign(unit(row.block, row.department_id), {
      approvedFte: row.approved,
      actualFte: row.actual,
      vacantFte: row.vacant,
      positions: row.positions,
      longVacancies: row.long_vacancies,
    })
  }
  for (const row of staff.rows) Object.assign(unit(row.block, row.department_id), { headcount: row.headcount, departures: row.departures })
  const facts: Record<string, PositionFacts[]> = {}
  for (const row of keyPosts.rows) {
    const key = keyOf(row.block, row.department_id)
    facts[key] ??= []
    facts[key].push({ title: row.title, keyPost: row.key_post, status: row.status, vacantSince: row.vacant_since, actingSince: row.acting_since })
  }
  return { units, keyPosts: facts }
}

/** Sums the figures of several departments (a block, a region). */
export function sumFigures(list: UnitFigures[]) {
  const total = { approvedFte: 0, actualFte: 0, vacantFte: 0, positions: 0, longVacancies: 0, departures: 0, headcount: 0 }
  for (const item of list) {
    for (const field of Object.keys(total) as (keyof typeof total)[]) total[field] += item[field]
  }
  total.approvedFte = Math.round(total.approvedFte * 100) / 100
  total.actualFte = Math.round(total.actualFte * 100) / 100
  total.vacantFte = Math.round(total.vacantFte * 100) / 100
  return total
}

export interface DepartmentRow {
  departmentId: number
  name: string
  figures: Omit<UnitFigures, 'block' | 'departmentId'>
  assessment: Assessment
}

/** The trend: stored monthly snapshots of the last year, and the live current month. */
async function loadTrend(today: DateTime, departmentIds: number[] | null, live: { approvedFte: number; actualFte: number }) {
  const thisMonth = today.startOf('month')
  const query = tenantDb()
    .from('staffing_snapshots')
    .select(tenantDb().raw(`to_char(month, 'YYYY-MM') as month`))
    .select(tenantDb().raw('sum(approved_fte)::float8 as approved, sum(actual_fte)::float8 as actual'))
    .where('month', '>=', thisMonth.minus({ months: 11 }).toISODate()!)
    .where('month', '<', thisMonth.toISODate()!)
    .groupBy('month')
    .orderBy('month')
  if (departmentIds) query.whereIn('department_id', departmentIds)
  const rows: { month: string; approved: number; actual: number }[] = await query
  const points = rows.map((row) => ({ month: row.month, completeness: row.approved > 0 ? Math.round((row.actual / row.approved) * 1000) / 10 : null }))
  points.push({
    month: thisMonth.toFormat('yyyy-MM'),
    completeness: live.approvedFte > 0 ? Math.round((live.actualFte / live.approvedFte) * 1000) / 10 : null,
  })
  return points
}

/**
 * What the staffing dashboard shows for the departments a user may see
 * (`null`: all): each department's figures and risk assessment, the totals
 * and assessment of them together (the block), and the monthly trend.
 */
export async function staffingOverview(departments: { id: number; name: string }[], allDepartments: boolean, today = DateTime.now()) {
  const thresholds = await loadThresholds()
  const ids = allDepartments ? null : departments.map((department) => department.id)
  const day = today.toISODate()!
  const { units, keyPosts } = await cachedFigures(`${day}:${ids ? ids.join(',') : 'all'}`, () => loadFigures(tenantDb(), OWN_TABLES, thresholds, today, ids))
  const empty = { approvedFte: 0, actualFte: 0, vacantFte: 0, positions: 0, longVacancies: 0, departures: 0, headcount: 0 }
  const rows: DepartmentRow[] = departments.map((department) => {
    const { block: _b, departmentId: _d, ...figures } = units[keyOf(null, department.id)] ?? { block: null, departmentId: department.id, ...empty }
    const posts = keyPosts[keyOf(null, department.id)] ?? []
    return { departmentId: department.id, name: department.name, figures, assessment: assess(figures, posts, thresholds, today) }
  })
  const totals = sumFigures(rows.map((row) => ({ block: null, departmentId: row.departmentId, ...row.figures })))
  const allKeyPosts = rows.flatMap((row) => keyPosts[keyOf(null, row.departmentId)] ?? [])
  return {
    thresholds,
    today,
    departments: rows,
    totals,
    assessment: assess(totals, allKeyPosts, thresholds, today),
    trend: await cachedFigures(`trend:${day}:${ids ? ids.join(',') : 'all'}:${totals.approvedFte}:${totals.actualFte}`, () => loadTrend(today, ids, totals)),
  }
}

export type StaffingOverview = Awaited<ReturnType<typeof staffingOverview>>
