import { Job } from '#queue/job'
import { loadRows, prepareVersion } from '#modules/opendata/services/rows'

/**
 * Loads a published version's rows on the portal (see loadRows), then, the
 * rows visible, indexes their words and keeps the JSON and XML documents
 * (see prepareVersion); retried on failure, every step idempotent.
 */
export default class LoadRowsJob extends Job<{ versionId: number }> {
  static jobName = 'opendata.load_rows'

  async handle(payload: { versionId: number }) {
    const rows = await loadRows(Number(payload.versionId))
    return { rows, ...(await prepareVersion(Number(payload.versionId))) }
  }
}
