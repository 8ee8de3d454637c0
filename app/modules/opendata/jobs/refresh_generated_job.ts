import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { refreshAllGenerated } from '#modules/opendata/services/generated/refresh'

/**
 * Nightly, in every tenant: the datasets its modules generate (see
 * services/generated/), each published when due by its frequency and its
 * content changed. Idempotent: a rerun (or a retry) publishes nothing new.
 * `today` (YYYY-MM-DD) is for tests.
 */
export default class RefreshGeneratedJob extends Job<{ today?: string }> {
  static jobName = 'opendata.refresh_generated'
  static tenantScoped = true

  async handle(payload: { today?: string } = {}) {
    return refreshAllGenerated(payload.today ? DateTime.fromISO(payload.today).set({ hour: 12 }) : DateTime.now())
  }
}
