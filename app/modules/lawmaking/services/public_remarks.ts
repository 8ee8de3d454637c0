import type { KeysetCursor } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'
import Remark from '#modules/lawmaking/models/remark'
import { idPage } from '#modules/lawmaking/services/public_drafts'

/** Who reads: hidden remarks are shown to their authors and to moderators only. */
export interface Reader {
  id: number | null
  moderator: boolean
}

/**
 * Remarks with their author's public name (the citizen's display name;
 * people without a citizen profile, such as staff, by their full name).
 */
function remarksWithAuthors() {
  return Remark.query()
    .join('users as u', 'u.id', 'lawmaking_remarks.author_id')
    .leftJoin('problem_citizens as pc', 'pc.user_id', 'lawmaking_remarks.author_id')
    .select('lawmaking_remarks.*', tenantDb().raw('coalesce(pc.display_name, u.full_name) as author_name'))
}

function visibleTo(query: ReturnType<typeof remarksWithAuthors>, reader: Reader) {
  if (reader.moderator) return query
  return query.where((visible) => {
    visible.whereNull('lawmaking_remarks.hidden_at')
    if (reader.id) visible.orWhere('lawmaking_remarks.author_id', reader.id)
  })
}

/** A page of a clause's remarks (not replies), oldest first, as the reader may see them. */
export function clauseRemarksPage(draftId: number, clauseKey: string, reader: Reader, cursor: KeysetCursor, limit: number) {
  const query = visibleTo(remarksWithAuthors(), reader).where('lawmaking_remarks.draft_id', draftId).where('lawmaking_remarks.clause_key', clauseKey).whereNull('lawmaking_remarks.parent_id').limit(limit)
  return idPage(query, 'lawmaking_remarks.id', cursor, false)
}

/** The replies to these remarks the reader may see, oldest first, by remark. */
export async function repliesTo(remarkIds: number[], reader: Reader) {
  const byParent = new Map<number, Remark[]>()
  if (!remarkIds.length) return byParent
  const replies = await visibleTo(remarksWithAuthors(), reader).whereIn('lawmaking_remarks.parent_id', remarkIds).orderBy('lawmaking_remarks.id')
  for (const reply of replies) byParent.set(reply.parentId!, [...(byParent.get(reply.parentId!) ?? []), reply])
  return byParent
}

/** Which of these remarks the user supports. */
export async function supportedBy(userId: number | null, remarkIds: number[]) {
  if (!userId || !remarkIds.length) return new Set<number>()
  const rows = await tenantDb().from('lawmaking_remark_supports').where('user_id', userId).whereIn('remark_id', remarkIds).select('remark_id')
  return new Set<number>(rows.map((row: { remark_id: number }) => row.remark_id))
}

/** A visible top-level remark of a draft (or one the reader may see), with its author's name. */
export function findRemark(remarkId: number, reader: Reader) {
  return visibleTo(remarksWithAuthors(), reader).where('lawmaking_remarks.id', remarkId).first()
}

export interface MyRemark {
  remark: Remark
  draftTitle: string
  clauseLabel: string | null
}

/** A page of a citizen's remarks and replies, newest first, with each one's draft and clause. */
export async function myRemarksPage(userId: number, cursor: KeysetCursor, limit: number): Promise<MyRemark[]> {
  const remarks = await idPage(Remark.query().where('author_id', userId).limit(limit), 'id', cursor, true)
  if (!remarks.length) return []
  const draftIds = [...new Set(remarks.map((remark) => remark.draftId))]
  const drafts = await tenantDb().from('lawmaking_public_drafts').whereIn('id', draftIds).select('id', 'title')
  const titles = new Map<number, string>(drafts.map((row: any) => [row.id, row.title]))
  const labels = await tenantDb()
    .from('lawmaking_public_clauses as c')
    .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
    .whereIn('v.draft_id', draftIds)
    .whereIn('c.clause_key', [...new Set(remarks.map((remark) => remark.clauseKey))])
    .select('v.draft_id', 'v.number', 'c.clause_key', 'c.label')
  const labelOf = new Map<string, string>(labels.map((row: any) => [`${row.draft_id}:${row.number}:${row.clause_key}`, row.label]))
  return remarks.map((remark) => ({
    remark,
    draftTitle: titles.get(remark.draftId) ?? '',
    clauseLabel: labelOf.get(`${remark.draftId}:${remark.versionNumber}:${remark.clauseKey}`) ?? null,
  }))
}

/** Every visible remark and reply of a draft (or of one clause) with its author's public name, for the API. */
export function publicRemarks(draftId: number, clauseKey?: string) {
  const query = visibleTo(remarksWithAuthors(), { id: null, moderator: false }).where('lawmaking_remarks.draft_id', draftId)
  if (clauseKey) query.where('lawmaking_remarks.clause_key', clauseKey)
  return query
}

/**
 * Remarks and replies citizens flagged that the moderators have not dealt
 * with yet, most flags first (the partial index on flags_count answers it),
 * with the draft's title.
 */
export function flaggedRemarks(limit: number) {
  return remarksWithAuthors()
    .join('lawmaking_public_drafts as d', 'd.id', 'lawmaking_remarks.draft_id')
    .select('d.title as draft_title')
    .where('lawmaking_remarks.flags_count', '>', 0)
    .whereNull('lawmaking_remarks.hidden_at')
    .orderBy('lawmaking_remarks.flags_count', 'desc')
    .orderBy('lawmaking_remarks.id', 'asc')
    .limit(limit)
}

/** How many remarks wait in the moderators' queue. */
export async function flaggedCount() {
  const [row] = await tenantDb().from('lawmaking_remarks').where('flags_count', '>', 0).whereNull('hidden_at').count('* as total')
  return Number(row.total)
}

export interface FlagReason {
  reason: string
  createdAt: Date
}

/** The reasons citizens gave for the open flags of these remarks, oldest first, by remark. */
export async function flagReasons(remarkIds: number[]) {
  const byRemark = new Map<number, FlagReason[]>()
  if (!remarkIds.length) return byRemark
  const rows = await tenantDb()
    .from('lawmaking_remark_flags')
    .whereIn('remark_id', remarkIds)
    .whereNull('cleared_at')
    .whereNotNull('reason')
    .orderBy('created_at')
    .select('remark_id', 'reason', 'created_at')
  for (const row of rows) byRemark.set(row.remark_id, [...(byRemark.get(row.remark_id) ?? []), { reason: row.reason, createdAt: row.created_at }])
  return byRemark
}
