import type { KeysetCursor } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'
import type { DraftLevel } from '#modules/lawmaking/models/draft'
import PublicDraft, { type PublicStage } from '#modules/lawmaking/models/public_draft'
import type { Clause } from '#modules/lawmaking/services/clauses'
import { clauseOfRow, clausesOfVersion } from '#modules/lawmaking/services/versions'
import type { SubjectArea } from '#modules/lawmaking/services/subjects'

/*
| The portal's reads of published drafts: only its own copies
| (lawmaking_public_*), what the bus brought — never a body's tables.
*/

export interface DraftFilters {
  stage?: PublicStage
  level?: DraftLevel
  /** A code of the portal's municipalities table. */
  municipality?: string
  subject?: SubjectArea
  /** Taking remarks today. */
  open?: boolean
}

/** Published drafts matching the filters, newest first (the (published_at, id) index answers it). */
export function publicDrafts(filters: DraftFilters, today: string) {
  const query = PublicDraft.query()
  if (filters.stage) query.where('stage', filters.stage)
  if (filters.level) query.where('level', filters.level)
  if (filters.municipality) query.where('municipality_code', filters.municipality)
  if (filters.subject) query.where('subject_area', filters.subject)
  if (filters.open) query.where('stage', 'discussion').where('consultation_starts_on', '<=', today).where('consultation_ends_on', '>=', today)
  return query.orderBy('published_at', 'desc').orderBy('id', 'desc')
}

/** The catalogue's rows after (or, read in reverse, before) a draft in its order. */
export function draftsPage(query: ReturnType<typeof publicDrafts>, cursor: KeysetCursor) {
  const row = '(select d.published_at, d.id from lawmaking_public_drafts d where d.id = ?)'
  if (cursor.after !== undefined) {
    query.whereRaw(`(lawmaking_public_drafts.published_at, lawmaking_public_drafts.id) < ${row}`, [cursor.after])
  } else if (cursor.before !== undefined) {
    query.whereRaw(`(lawmaking_public_drafts.published_at, lawmaking_public_drafts.id) > ${row}`, [cursor.before]).clearOrder().orderBy('published_at', 'asc').orderBy('id', 'asc')
  }
  return query
}

/**
 * A page of a list ordered by id alone (a clause's remarks oldest first,
 * a timeline or a citizen's remarks newest first), read by keyset.
 */
export function idPage<Query extends { where: Function; orderBy: Function }>(query: Query, column: string, cursor: KeysetCursor, newestFirst: boolean) {
  const [forward, backward] = newestFirst ? (['<', '>'] as const) : (['>', '<'] as const)
  const [order, reverse] = newestFirst ? (['desc', 'asc'] as const) : (['asc', 'desc'] as const)
  if (cursor.after !== undefined) query.where(column, forward, cursor.after).orderBy(column, order)
  else if (cursor.before !== undefined) query.where(column, backward, cursor.before).orderBy(column, reverse)
  else query.orderBy(column, order)
  return query
}

export interface PublicVersion {
  number: number
  changeSummary: string | null
  publishedAt: Date
}

/** The versions of a published draft, newest first. */
export async function versionsOf(draftId: number): Promise<PublicVersion[]> {
  const rows = await tenantDb().from('lawmaking_public_versions').where('draft_id', draftId).orderBy('number', 'desc').select('number', 'change_summary', 'published_at')
  return rows.map((row: any) => ({ number: row.number, changeSummary: row.change_summary, publishedAt: row.published_at }))
}

/** The clauses of one published version of a draft, in order. */
export function publicClauses(draftId: number, number: number): Promise<Clause[]> {
  return clausesOfVersion(tenantDb(), draftId, number, 'portal')
}

/** A clause as of the newest version that has it (a removed clause keeps its page), or null. */
export async function latestClause(draftId: number, key: string): Promise<(Clause & { version: number }) | null> {
  const row = await tenantDb()
    .from('lawmaking_public_clauses as c')
    .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
    .where('v.draft_id', draftId)
    .where('c.clause_key', key)
    .orderBy('v.number', 'desc')
    .select('c.clause_key', 'c.parent_key', 'c.position', 'c.depth', 'c.label', 'c.text', 'c.changed_in', 'v.number')
    .first()
  return row ? { ...clauseOfRow(row), version: row.number } : null
}

/** Visible remarks (not replies) per clause key, made on this version or an earlier one (kept counts: lawmaking_remark_counts). */
export async function remarkCounts(draftId: number, upToVersion: number) {
  const rows = await tenantDb()
    .from('lawmaking_remark_counts')
    .where('draft_id', draftId)
    .where('version_number', '<=', upToVersion)
    .groupBy('clause_key')
    .havingRaw('sum(visible) > 0')
    .select('clause_key', tenantDb().raw('sum(visible)::int as total'))
  return new Map<string, number>(rows.map((row: any) => [row.clause_key, Number(row.total)]))
}

export interface ClauseNode extends Clause {
  remarks: number
  children: ClauseNode[]
}

/** The clauses as a tree (parts inside articles, points inside parts), each with its count of remarks. */
export function clauseTree(clauses: Clause[], counts: Map<string, number>): ClauseNode[] {
  const nodes = new Map<string, ClauseNode>(clauses.map((clause) => [clause.key, { ...clause, remarks: counts.get(clause.key) ?? 0, children: [] }]))
  const roots: ClauseNode[] = []
  for (const clause of clauses) {
    const node = nodes.get(clause.key)!
    const parent = clause.parentKey ? nodes.get(clause.parentKey) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export interface TimelineEntry {
  id: number
  kind: string
  data: Record<string, any>
  occurredAt: Date
}

/** A page of a draft's public timeline, newest first. */
export async function timelinePage(draftId: number, cursor: KeysetCursor, limit: number): Promise<TimelineEntry[]> {
  const query = tenantDb().from('lawmaking_events').where('draft_id', draftId).select('id', 'kind', 'data', 'occurred_at').limit(limit)
  const rows = await idPage(query, 'id', cursor, true)
  return rows.map((row: any) => ({ id: row.id, kind: row.kind, data: row.data ?? {}, occurredAt: row.occurred_at }))
}
