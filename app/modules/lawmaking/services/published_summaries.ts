import logger from '@adonisjs/core/services/logger'
import i18nManager from '@adonisjs/i18n/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { queueService } from '#queue/queue_service'
import { conclusionsArePublic, type SummaryFormat } from '#modules/lawmaking/exports/summary_of_proposals'

/*
| The summary of proposals as files the portal publishes: for a version of
| a draft, in each language, an XLSX and a PDF that a job
| (lawmaking.publish_summary) writes through Drive and records in
| lawmaking_summaries. A file stays good while its stamp is the version's:
| the same remarks, none made, decided, hidden or shown again since.
*/

export const SUMMARY_FORMATS: SummaryFormat[] = ['xlsx', 'pdf']
export const PUBLISH_SUMMARY_JOB = 'lawmaking.publish_summary'
/** A generation queued or running this long without a sign of life is queued again. */
const STALLED_MINUTES = 10

export type SummaryStatus = 'queued' | 'running' | 'done' | 'failed'

export interface SummaryStamp {
  /** `count:hidden:latest` of the version's top-level remarks. */
  value: string
  remarks: number
}

/** A row of lawmaking_summaries. */
export interface SummaryFile {
  id: number
  draft_id: number
  version_number: number
  locale: string
  format: SummaryFormat
  status: SummaryStatus
  progress: number
  generation: number
  stamp: string | null
  storage_key: string | null
  size: number | string | null
  remarks_count: number | null
  error: string | null
  updated_at: Date
}

/**
 * What the summary of a version covers: its top-level remarks counted, the
 * hidden ones counted (a remark shown again lowers it), and the latest
 * moment one was made, decided or hidden (microseconds since the epoch);
 * once the experts' conclusions are public, their remarks likewise (so the
 * discussion's closing makes a summary written during it out of date).
 */
export async function summaryStamp(draftId: number, versionNumber: number, client: any = tenantDb()): Promise<SummaryStamp> {
  const latest = (columns: string) => client.raw(`coalesce((extract(epoch from max(greatest(${columns}))) * 1000000)::bigint, 0)::text as latest`)
  const [row, draft] = await Promise.all([
    client
      .from('lawmaking_remarks')
      .where('draft_id', draftId)
      .where('version_number', versionNumber)
      .whereNull('parent_id')
      .select(client.raw('count(*)::int as remarks'), client.raw('count(hidden_at)::int as hidden'), latest('created_at, decided_at, hidden_at'))
      .first(),
    client.from('lawmaking_public_drafts').where('id', draftId).select('stage', 'current_version').first(),
  ])
  const value = `${row.remarks}:${row.hidden}:${row.latest}`
  if (!draft || !conclusionsArePublic(draft, versionNumber)) return { value, remarks: row.remarks }
  const experts = await client
    .from('lawmaking_conclusion_remarks as er')
    .join('lawmaking_conclusions as c', 'c.id', 'er.conclusion_id')
    .where('c.draft_id', draftId)
    .where('c.version_number', versionNumber)
    .select(client.raw('count(*)::int as remarks'), latest('c.filed_at, er.decided_at'))
    .first()
  return { value: `${value}:${experts.remarks}:${experts.latest}`, remarks: row.remarks + experts.remarks }
}

/** The summary files of a version in one language, by format. */
export async function summaryFiles(draftId: number, versionNumber: number, locale: string, client: any = tenantDb()) {
  const rows: SummaryFile[] = await client.from('lawmaking_summaries').where({ draft_id: draftId, version_number: versionNumber, locale })
  return new Map(rows.map((row) => [row.format, row]))
}

/** Whether a file can be served as it is: written, and for the remarks the version has now. */
export function isCurrent(file: SummaryFile | undefined, stamp: SummaryStamp): file is SummaryFile & { storage_key: string } {
  return !!file && file.status === 'done' && file.stamp === stamp.value && !!file.storage_key
}

/** Whether a file must be (re)generated: missing, out of date, failed, or queued or running with no sign of life. */
function wanted(file: SummaryFile | undefined, stamp: SummaryStamp, now: number) {
  // generation 0: the row was made just now and never queued
  if (!file || file.generation === 0) return true
  if (file.status === 'failed') return true
  if (file.status === 'done') return file.stamp !== stamp.value || !file.storage_key
  return new Date(file.updated_at).getTime() < now - STALLED_MINUTES * 60_000
}

export interface RequestedSummary {
  /** Whether this call queued a generation (false: the files are good, or one is queued or running). */
  queued: boolean
  generation: number
  files: Map<SummaryFormat, SummaryFile>
}

/**
 * Asks for the summary files of a version in one language, idempotently:
 * when either format is missing, out of date (its stamp is not the
 * version's), failed or stalled, both rows go back to `queued` under a new
 * generation and one job is queued for it (its id names the generation, so
 * a second dispatch of it is ignored); otherwise nothing happens. The job
 * is queued once the rows are committed. Runs in the portal's scope.
 */
export async function requestSummary(draftId: number, versionNumber: number, locale: string, stamp?: SummaryStamp): Promise<RequestedSummary> {
  const db = tenantDb()
  const current = stamp ?? (await summaryStamp(draftId, versionNumber))
  const result = await db.transaction(async (trx) => {
    const now = new Date()
    await trx
      .table('lawmaking_summaries')
      .insert(SUMMARY_FORMATS.map((format) => ({ draft_id: draftId, version_number: versionNumber, locale, format, status: 'queued', created_at: now, updated_at: now })))
      .onConflict(['draft_id', 'version_number', 'locale', 'format'])
      .ignore()
    const rows: SummaryFile[] = await trx.from('lawmaking_summaries').where({ draft_id: draftId, version_number: versionNumber, locale }).forUpdate()
    const files = new Map(rows.map((row) => [row.format, row]))
    const generation = Math.max(...rows.map((row) => row.generation))
    if (!SUMMARY_FORMATS.some((format) => wanted(files.get(format), current, now.getTime()))) return { queued: false, generation, files }
    const updated: SummaryFile[] = await trx
      .from('lawmaking_summaries')
      .where({ draft_id: draftId, version_number: versionNumber, locale })
      .update({ status: 'queued', progress: 0, error: null, generation: generation + 1, updated_at: now })
      .returning('*')
    return { queued: true, generation: generation + 1, files: new Map(updated.map((row) => [row.format, row])) }
  })
  if (result.queued) await dispatchSummary(draftId, versionNumber, locale, result.generation)
  return result
}

function dispatchSummary(draftId: number, versionNumber: number, locale: string, generation: number) {
  const slug = tenantScope.currentOrFail().slug
  return queueService.dispatch(
    PUBLISH_SUMMARY_JOB,
    { draftId, versionNumber, locale, generation },
    {
      tenant: slug,
      // Bull splits some keys on ":"; dots keep the id whole
      jobId: `${PUBLISH_SUMMARY_JOB}.${slug}.${draftId}.${versionNumber}.${locale}.${generation}`,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
    }
  )
}

/**
 * Queues the summary of a version in every language the portal speaks,
 * for a bus handler's after-commit hook: a Redis outage is logged, not
 * thrown (a reader asking for the file queues it again).
 */
export async function publishSummariesSoon(draftId: number, versionNumber: number) {
  for (const locale of i18nManager.supportedLocales()) {
    try {
      await requestSummary(draftId, versionNumber, locale)
    } catch (error) {
      logger.warn({ draftId, versionNumber, locale, error: (error as Error).message }, 'could not queue the summary of proposals')
    }
  }
}

/**
 * The versions of a draft that have a summary to offer: those whose
 * discussion has ended (an earlier version that was discussed, or the
 * current one once the draft left discussion) and those with remarks,
 * newest first, each with its count of proposals. A version published
 * without a discussion of its own (a final text) has none to summarise.
 */
export async function summaryVersions(draft: { id: number; currentVersion: number; stage: string }) {
  const db = tenantDb()
  const [counts, discussions] = await Promise.all([
    db.from('lawmaking_remark_counts').where('draft_id', draft.id).groupBy('version_number').select('version_number', db.raw('sum(total)::int as total')),
    db.from('lawmaking_events').where('draft_id', draft.id).where('kind', 'discussion_opened').select(db.raw(`distinct (data->>'version')::int as version`)),
  ])
  const remarks = new Map(counts.map((row: any) => [Number(row.version_number), Number(row.total)]))
  const discussed = new Set(discussions.map((row: any) => Number(row.version)))
  const versions: SummaryVersion[] = []
  for (let number = draft.currentVersion; number >= 1; number--) {
    const ended = discussed.has(number) && (number < draft.currentVersion || draft.stage !== 'discussion')
    const count = remarks.get(number) ?? 0
    if (ended || count) versions.push({ number, remarks: count, ended })
  }
  return versions
}

export interface SummaryVersion {
  number: number
  remarks: number
  /** Whether its discussion has ended. */
  ended: boolean
}

/** The version a summary link without `?version=` means: the newest whose discussion has ended, else the current one. */
export function defaultSummaryVersion(versions: SummaryVersion[], currentVersion: number) {
  return versions.find((version) => version.ended)?.number ?? currentVersion
}
