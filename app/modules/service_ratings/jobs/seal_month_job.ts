import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantScope } from '#tenancy/tenant_scope'
import { currentMonth } from '#modules/service_ratings/services/months'
import { sealMonth } from '#modules/service_ratings/services/monthly_ranks'

/**
 * On the 1st of each month at night (region time), in every portal: seals the
 * ranks of the month just closed. Idempotent: a month already sealed stays as it is.
 */
export default class SealMonthJob extends Job<{ month?: string }> {
  static jobName = 'service_ratings.seal_month'
  static tenantScoped = true

  async handle(payload: { month?: string } = {}) {
    if (tenantScope.currentOrFail().kind !== 'portal') return { skipped: true }
    const month = payload.month ? DateTime.fromISO(`${payload.month.slice(0, 7)}-01`) : currentMonth().minus({ months: 1 })
    return sealMonth(month)
  }
}
