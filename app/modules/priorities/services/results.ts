import Priority from '#modules/priorities/models/priority'
import Municipality from '#modules/identity/models/municipality'
import { tenantDb } from '#tenancy/tenant_model'
import { latestSnapshot, snapshotRanks, type SnapshotRow } from '#modules/priorities/actions/seal_quarter'
import { REGION_SCOPE } from '#modules/priorities/services/method'

/** One line of a sealed result, with what a reader needs: the priority's title, Δrank (positive = moved up). */
export interface ResultLine {
  quarter: string
  version: number
  scope: string
  rank: number
  previousRank: number | null
  delta: number | null
  priorityId: number
  title: string
  level: string
  votes: number
  score: string
}

/** Quarters with a sealed snapshot, newest first. */
export async function sealedQuarters(): Promise<string[]> {
  return (await tenantDb().from('priority_snapshots').distinct('quarter').orderBy('quarter', 'desc')).map((row) => row.quarter)
}

/** Every version of a quarter's snapshot (a correction adds one, with its public reason). */
export async function snapshotVersions(quarter: string): Promise<SnapshotRow[]> {
  return tenantDb().from('priority_snapshots').where('quarter', quarter).orderBy('version')
}

/** The sealed lines of a quarter (latest version), for one scope or all. */
export async function resultLines(quarter: string, scope?: string): Promise<{ snapshot: SnapshotRow; lines: ResultLine[] } | null> {
  const snapshot = await latestSnapshot(quarter)
  if (!snapshot) return null
  const ranks = await snapshotRanks(snapshot.id, scope)
  const ids = [...new Set(ranks.map((row) => row.priorityId))]
  const titles = new Map((ids.length ? await Priority.query().whereIn('id', ids).select('id', 'title', 'level') : []).map((priority) => [priority.id, priority]))
  return {
    snapshot,
    lines: ranks.map((row) => ({
      quarter,
      version: snapshot.version,
      scope: row.scope,
      rank: row.rank,
      previousRank: row.previousRank,
      delta: row.previousRank === null ? null : row.previousRank - row.rank,
      priorityId: row.priorityId,
      title: titles.get(row.priorityId)?.title ?? '',
      level: titles.get(row.priorityId)?.level ?? '',
      votes: row.votes,
      score: row.score,
    })),
  }
}

/** The rank history of a scope's priorities over the sealed quarters (oldest first), for the history chart. */
export async function rankHistory(scope: string) {
  const rows = await tenantDb()
    .from('priority_snapshot_ranks as r')
    .join('priority_snapshots as s', 's.id', 'r.snapshot_id')
    .whereRaw('s.version = (select max(version) from priority_snapshots latest where latest.quarter = s.quarter)')
    .where('r.scope', scope)
    .join('priority_items as p', 'p.id', 'r.priority_id')
    .select('s.quarter', 'r.priority_id', 'r.rank', 'r.votes', 'p.title')
    .orderBy('s.quarter')
    .orderBy('r.rank')
  return rows.map((row) => ({ quarter: row.quarter as string, priorityId: Number(row.priority_id), title: row.title as string, rank: Number(row.rank), votes: Number(row.votes) }))
}

/** Scope choices: the region, then the municipalities by name. */
export async function scopeOptions(locale: string, regionLabel: string) {
  const municipalities = await Municipality.query().orderBy('name_ru')
  return [{ value: REGION_SCOPE, label: regionLabel }, ...municipalities.map((m) => ({ value: m.code, label: m.name(locale) }))]
}
