import { Job } from '#queue/job'
import { loadRows } from '#modules/opendata/services/rows'

/** Loads a published version's rows on the portal (see loadRows); retried on failure. */
export default class LoadRowsJob extends Job<{ versionId: number }> {
  static jobName = 'opendata.load_rows'

  async handle(payload: { versionId: number }) {
    return loadRows(Number(payload.versionId))
  }
}
