import { tenantDb } from '#tenancy/tenant_model'
import type Draft from '#modules/lawmaking/models/draft'
import DraftVersion from '#modules/lawmaking/models/draft_version'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { InvalidText, parseClauses, type ParsedClause } from '#modules/lawmaking/services/clauses'
import { clausesOfVersion } from '#modules/lawmaking/services/versions'

/** Remarks on one page of a draft (a draft of a regional code may get thousands). */
export const REMARKS_PER_PAGE = 100

export type RemarkFilter = 'all' | 'undecided'

/** A clause as the developer's page lists it: its text and how many remarks it got. */
export interface OfficeClause {
  key: string
  label: string
  depth: number
  text: string
  changedIn: number
  remarks: number
  undecided: number
}

/** The remarks of one clause on this page, in the order of the text. */
export interface RemarkGroup {
  key: string
  label: string
  /** The clause is not in the current version any more (removed or rewritten beyond recognition). */
  gone: boolean
  remarks: { remark: ReceivedRemark; madeOnEarlier: boolean }[]
}

/** What the text of the next version cuts into, or why it does not. */
function previewOf(text: string | null): { clauses: ParsedClause[] | null; problem: string | null } {
  if (!text) return { clauses: null, problem: null }
  try {
    return { clauses: parseClauses(text), problem: null }
  } catch (error) {
    if (error instanceof InvalidText) return { clauses: null, problem: error.message }
    throw error
  }
}

/**
 * Everything the developer's page of a draft shows: its versions, the
 * clauses of the current version with their remark counts (or the prepared
 * text when nothing is published yet), and one page of the remarks grouped
 * by clause in the order of the text. A remark made on an earlier version
 * of a clause that changed since says so.
 */
export async function officeDraftPage(draft: Draft, filter: RemarkFilter, page: number) {
  const client = tenantDb()
  const versions = await DraftVersion.query().where('draft_id', draft.id).orderBy('number', 'desc')
  const current = draft.currentVersion ? await clausesOfVersion(client, draft.id, draft.currentVersion) : []
  const counts: { clause_key: string; total: number; undecided: number }[] = await client
    .from('lawmaking_received_remarks')
    .where('draft_id', draft.id)
    .groupBy('clause_key')
    .select('clause_key', client.raw('count(*)::int as total'), client.raw('count(*) filter (where decision is null)::int as undecided'))
  const countByKey = new Map(counts.map((row) => [row.clause_key, row]))
  const clauses: OfficeClause[] = current.map((clause) => ({
    key: clause.key,
    label: clause.label,
    depth: clause.depth,
    text: clause.text,
    changedIn: clause.changedIn,
    remarks: countByKey.get(clause.key)?.total ?? 0,
    undecided: countByKey.get(clause.key)?.undecided ?? 0,
  }))

  const currentVersionId = versions.find((version) => version.number === draft.currentVersion)?.id ?? 0
  const query = ReceivedRemark.query()
    .where('lawmaking_received_remarks.draft_id', draft.id)
    .leftJoin('lawmaking_clauses as c', (join) => join.on('c.clause_key', 'lawmaking_received_remarks.clause_key').andOnVal('c.version_id', currentVersionId))
    .select('lawmaking_received_remarks.*')
    .orderByRaw('c.position asc nulls last')
    .orderBy('lawmaking_received_remarks.clause_key')
    .orderBy('lawmaking_received_remarks.id')
  if (filter === 'undecided') query.whereNull('lawmaking_received_remarks.decision')
  const remarks = await query.paginate(page, REMARKS_PER_PAGE)
  remarks.baseUrl(`/lawmaking/office/drafts/${draft.id}`).queryString({ remarks: filter })

  const byKey = new Map(clauses.map((clause) => [clause.key, clause]))
  const goneKeys = [...new Set(remarks.all().map((remark) => remark.clauseKey).filter((key) => !byKey.has(key)))]
  // the label a removed clause had in the latest version that still held it
  const goneLabels = new Map<string, string>()
  if (goneKeys.length) {
    const rows = await client
      .from('lawmaking_clauses as c')
      .join('lawmaking_versions as v', 'v.id', 'c.version_id')
      .where('v.draft_id', draft.id)
      .whereIn('c.clause_key', goneKeys)
      .orderBy('v.number', 'desc')
      .select('c.clause_key', 'c.label')
    for (const row of rows) if (!goneLabels.has(row.clause_key)) goneLabels.set(row.clause_key, row.label)
  }
  const groups: RemarkGroup[] = []
  for (const remark of remarks.all()) {
    const clause = byKey.get(remark.clauseKey)
    let group = groups.at(-1)
    if (!group || group.key !== remark.clauseKey) {
      group = { key: remark.clauseKey, label: clause?.label ?? goneLabels.get(remark.clauseKey) ?? '—', gone: !clause, remarks: [] }
      groups.push(group)
    }
    group.remarks.push({ remark, madeOnEarlier: remark.versionNumber < draft.currentVersion && (!clause || clause.changedIn > remark.versionNumber) })
  }

  return {
    versions,
    clauses,
    preview: previewOf(draft.pendingText),
    remarks,
    groups,
    totals: {
      remarks: counts.reduce((sum, row) => sum + row.total, 0),
      undecided: counts.reduce((sum, row) => sum + row.undecided, 0),
    },
  }
}
