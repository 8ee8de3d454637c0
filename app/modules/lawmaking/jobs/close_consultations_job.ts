import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { regionToday } from '#core/region_time'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'

/**
 * Hourly, in every body: drafts whose consultation period ended go to the
 * reaction stage (idempotent: a closed draft is not closed again).
 */
export default class CloseConsultationsJob extends Job<{ today?: string }> {
  static jobName = 'lawmaking.close_consultations'
  static tenantScoped = true

  async handle(payload: { today?: string } = {}) {
    if (!isBodyKind(tenantScope.currentOrFail().kind)) return { closed: 0 }
    return { closed: await closeEndedConsultations(payload.today ? DateTime.fromISO(payload.today) : regionToday()) }
  }
}
