import { Transform } from 'node:stream'
import drive from '@adonisjs/drive/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { Job, type JobContext } from '#queue/job'
import { clockDate } from '#core/clock'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { summaryOfProposals, writeSummaryPdf, writeSummaryXlsx } from '#modules/lawmaking/exports/summary_of_proposals'
import { summaryFiles, summaryStamp, SUMMARY_FORMATS, type SummaryFile } from '#modules/lawmaking/services/published_summaries'

export interface PublishSummaryPayload {
  draftId: number
  versionNumber: number
  locale: string
  generation: number
}

/**
 * Writes the summary of proposals of one version in one language as XLSX
 * and PDF (portal), streamed through Drive under the portal's prefix
 * (`tenants/<slug>/lawmaking/summaries/…`), and records each file with the
 * stamp of the remarks it covers. Progress is the share of the version's
 * remarks written, per format. Only the generation the job was queued for
 * is worked on, and a file whose stamp is still the version's is kept as
 * it is, so running a job twice, or a job for a stamp already published,
 * does nothing. A failed attempt is retried (the rows wait as `queued`);
 * after the last one they say `failed` with the error, and the next reader
 * queues them again.
 */
export default class PublishSummaryJob extends Job<PublishSummaryPayload> {
  static jobName = 'lawmaking.publish_summary'

  async handle(payload: PublishSummaryPayload, context: JobContext = { attempt: 1, attempts: 1 }) {
    const { draftId, versionNumber, locale, generation } = payload
    const db = tenantDb()
    const rows = () => db.from('lawmaking_summaries').where({ draft_id: draftId, version_number: versionNumber, locale, generation })
    const claimed: SummaryFile[] = await rows().whereIn('status', ['queued', 'running']).update({ status: 'running', progress: 0, updated_at: clockDate() }, ['*'])
    if (!claimed.length) return { skipped: 'not queued' }
    try {
      const summary = await summaryOfProposals(draftId, versionNumber)
      if (!summary) {
        // the draft or version is gone (a draft is never deleted on the portal; a safeguard)
        await rows().update({ status: 'failed', error: 'no such draft or version', updated_at: clockDate() })
        return { skipped: 'no such version' }
      }
      // the stamp is read before the remarks: a remark that comes while the file is written makes it out of date
      const stamp = await summaryStamp(draftId, versionNumber)
      const before = await summaryFiles(draftId, versionNumber, locale)
      const i18n = i18nManager.locale(locale)
      const written: Record<string, string> = {}
      for (const format of SUMMARY_FORMATS) {
        const file = before.get(format)
        if (file && file.stamp === stamp.value && file.storage_key && (await drive.use().exists(file.storage_key))) {
          await rows().where('format', format).update({ status: 'done', progress: 100, updated_at: clockDate() })
          written[format] = 'kept'
          continue
        }
        // a new key each generation: a reader of the previous file never gets half of this one
        const key = `tenants/${tenantScope.currentOrFail().slug}/lawmaking/summaries/${draftId}/v${versionNumber}-${locale}-g${generation}.${format}`
        await rows().where('format', format).update({ stamp: stamp.value, remarks_count: stamp.remarks, updated_at: clockDate() })
        let lastPercent = 0
        const progress = async (count: number) => {
          const percent = stamp.remarks ? Math.min(99, Math.floor((count / stamp.remarks) * 100)) : 99
          if (percent === lastPercent) return
          lastPercent = percent
          await rows().where('format', format).update({ progress: percent, updated_at: clockDate() })
        }
        const size = await storeSummary(key, (output) =>
          format === 'xlsx' ? writeSummaryXlsx(summary, output, i18n, progress) : writeSummaryPdf(summary, output, i18n, progress)
        )
        const updated = await rows().where('format', format).update({ status: 'done', progress: 100, storage_key: key, size, error: null, generated_at: clockDate(), updated_at: clockDate() })
        // a newer request took the row over meanwhile: this file is nobody's
        if (!Number(Array.isArray(updated) ? updated[0] : updated)) {
          await drive.use().delete(key)
          return { skipped: 'superseded' }
        }
        if (file?.storage_key && file.storage_key !== key) await drive.use().delete(file.storage_key)
        written[format] = key
      }
      return { done: written, stamp: stamp.value }
    } catch (error) {
      const last = context.attempt >= context.attempts
      await rows()
        .whereNot('status', 'done')
        .update({ status: last ? 'failed' : 'queued', error: (error as Error).message.slice(0, 2000), updated_at: clockDate() })
      throw error
    }
  }
}

/** Streams a file into Drive while it is written; returns its size in bytes. */
async function storeSummary(key: string, write: (output: Transform) => Promise<void>) {
  let size = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      callback(null, chunk)
    },
  })
  const stored = drive.use().putStream(key, counter)
  try {
    await write(counter)
  } catch (error) {
    counter.destroy(error as Error)
    await stored.catch(() => {})
    throw error
  }
  await stored
  return size
}
