import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'
import type { DraftLevel } from '#modules/lawmaking/models/draft'
import type { PublicStage } from '#modules/lawmaking/models/public_draft'
import type { RemarkDecision } from '#modules/lawmaking/models/received_remark'
import { PUBLIC_INITIATIVE_STATUSES, type InitiativeStatus } from '#modules/lawmaking/models/initiative'

/*
| The portal's law-making statistics, from its own copies only
| (lawmaking_public_drafts, lawmaking_remarks, lawmaking_initiatives): each
| figure is one SQL aggregate over the tables' indexes, never rows read
| into the application.
*/

export const STAGES: PublicStage[] = ['discussion', 'reaction', 'completed']
export const LEVELS: DraftLevel[] = ['regional', 'municipal']
export const DECISIONS: (RemarkDecision | 'undecided')[] = ['accepted', 'partly_accepted', 'rejected', 'out_of_scope', 'undecided']
const TOP_DRAFTS = 10

export interface StatsFilters {
  level?: DraftLevel
  /** A code of the portal's municipalities table. */
  municipality?: string
}

/** A share in per cent with one decimal, or null when there is nothing to share. */
export function percent(part: number, whole: number) {
  return whole ? Math.round((1000 * part) / whole) / 10 : null
}

/** The filters as SQL on drafts aliased `d`, with their bindings. */
function draftFilter(filters: StatsFilters, alias = 'd') {
  const clauses: string[] = []
  const bindings: string[] = []
  if (filters.level) {
    clauses.push(`${alias}.level = ?`)
    bindings.push(filters.level)
  }
  if (filters.municipality) {
    clauses.push(`${alias}.municipality_code = ?`)
    bindings.push(filters.municipality)
  }
  return { sql: clauses.length ? clauses.join(' and ') : 'true', bindings }
}

async function rows(sql: string, bindings: unknown[]): Promise<any[]> {
  return (await tenantDb().rawQuery(sql, bindings as any[])).rows
}

/** Published drafts by stage and level: `counts[stage][level]`, with totals per stage and per level. */
async function draftsByStage(filters: StatsFilters) {
  const where = draftFilter(filters)
  const found = await rows(`select d.stage, d.level, count(*)::int as drafts from lawmaking_public_drafts d where ${where.sql} group by d.stage, d.level`, where.bindings)
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, Object.fromEntries(LEVELS.map((level) => [level, 0]))])) as Record<PublicStage, Record<DraftLevel, number>>
  for (const row of found) if (counts[row.stage as PublicStage]) counts[row.stage as PublicStage][row.level as DraftLevel] = row.drafts
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, LEVELS.reduce((sum, level) => sum + counts[stage][level], 0)])) as Record<PublicStage, number>
  const byLevel = Object.fromEntries(LEVELS.map((level) => [level, STAGES.reduce((sum, stage) => sum + counts[stage][level], 0)])) as Record<DraftLevel, number>
  return { counts, byStage, byLevel, total: STAGES.reduce((sum, stage) => sum + byStage[stage], 0) }
}

/** Remarks (not replies, hidden ones included: each needs a decision) per draft: the total, the median, the drafts with most. */
async function remarksPerDraft(filters: StatsFilters) {
  const where = draftFilter(filters)
  const [summary] = await rows(
    `select coalesce(sum(d.remarks_count), 0)::int as remarks,
            percentile_cont(0.5) within group (order by d.remarks_count) as median
       from lawmaking_public_drafts d where ${where.sql}`,
    where.bindings
  )
  const top = await rows(
    `select d.id, d.title, d.remarks_count::int as remarks from lawmaking_public_drafts d
      where ${where.sql} and d.remarks_count > 0 order by d.remarks_count desc, d.id desc limit ${TOP_DRAFTS}`,
    where.bindings
  )
  return {
    remarks: summary.remarks as number,
    median: summary.median === null ? null : Math.round(Number(summary.median) * 10) / 10,
    top: top.map((row) => ({ id: row.id as number, title: row.title as string, remarks: row.remarks as number })),
  }
}

/** The developers' decisions on remarks: how many of each, and the share of all remarks. */
async function decisions(filters: StatsFilters) {
  const where = draftFilter(filters)
  const found = await rows(
    `select coalesce(r.decision, 'undecided') as decision, count(*)::int as remarks
       from lawmaking_remarks r join lawmaking_public_drafts d on d.id = r.draft_id
      where r.parent_id is null and ${where.sql}
      group by 1`,
    where.bindings
  )
  const counts = new Map<string, number>(found.map((row) => [row.decision, row.remarks]))
  const total = found.reduce((sum, row) => sum + row.remarks, 0)
  return { total, rows: DECISIONS.map((decision) => ({ decision, remarks: counts.get(decision) ?? 0, percent: percent(counts.get(decision) ?? 0, total) })) }
}

/**
 * The authority's reaction against the day to decide by, per draft that
 * reached the reaction stage with remarks: on time when every remark was
 * decided and the last decision fell on that day or before (in the region's
 * calendar); late when a decision came after it, or a remark is still
 * undecided after it; pending while remarks wait and the day has not
 * passed. The share on time is of the drafts on time or late.
 */
async function reaction(filters: StatsFilters, today: string) {
  const where = draftFilter(filters)
  const [row] = await rows(
    `with per_draft as (
       select d.decide_by, count(r.draft_id) as remarks, count(r.decided_at) as decided,
              max((r.decided_at at time zone ?)::date) as last_day
         from lawmaking_public_drafts d
         left join lawmaking_remarks r on r.draft_id = d.id and r.parent_id is null
        where d.decide_by is not null and d.stage in ('reaction', 'completed') and ${where.sql}
        group by d.id, d.decide_by)
     select count(*) filter (where remarks > 0 and decided = remarks and last_day <= decide_by)::int as on_time,
            count(*) filter (where remarks > 0 and ((decided = remarks and last_day > decide_by) or (decided < remarks and decide_by < ?::date)))::int as late,
            count(*) filter (where remarks > 0 and decided < remarks and decide_by >= ?::date)::int as pending,
            count(*) filter (where remarks = 0)::int as without_remarks
       from per_draft`,
    [REGION_ZONE, ...where.bindings, today, today]
  )
  return {
    onTime: row.on_time as number,
    late: row.late as number,
    pending: row.pending as number,
    withoutRemarks: row.without_remarks as number,
    percent: percent(row.on_time, row.on_time + row.late),
  }
}

/** Published citizens' initiatives by status (those under moderation or rejected are not public). */
async function initiatives(filters: StatsFilters) {
  const where = draftFilter(filters, 'i')
  const statuses = PUBLIC_INITIATIVE_STATUSES.map((status) => `'${status}'`).join(', ')
  const found = await rows(`select i.status, count(*)::int as initiatives from lawmaking_initiatives i where i.status in (${statuses}) and ${where.sql} group by i.status`, where.bindings)
  const counts = new Map<string, number>(found.map((row) => [row.status, row.initiatives]))
  const byStatus = PUBLIC_INITIATIVE_STATUSES.map((status: InitiativeStatus) => ({ status, initiatives: counts.get(status) ?? 0 }))
  return { byStatus, total: byStatus.reduce((sum, row) => sum + row.initiatives, 0) }
}

/** Every figure of the statistics page for these filters; `today` (YYYY-MM-DD, the region's) decides what is late. */
export async function lawmakingStats(filters: StatsFilters, today: string) {
  return {
    drafts: await draftsByStage(filters),
    remarks: await remarksPerDraft(filters),
    decisions: await decisions(filters),
    reaction: await reaction(filters, today),
    initiatives: await initiatives(filters),
  }
}

export type LawmakingStats = Awaited<ReturnType<typeof lawmakingStats>>
