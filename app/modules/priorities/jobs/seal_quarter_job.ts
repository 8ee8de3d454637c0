import { Job } from '#queue/job'
import { tenantScope } from '#tenancy/tenant_scope'
import { SealQuarter } from '#modules/priorities/actions/seal_quarter'
import { currentQuarter, previousQuarter } from '#modules/priorities/services/quarters'

/**
 * On the 1st of January, April, July and October at 00:30 (region time), on
 * the portal: seals the quarter that just ended. Idempotent — a sealed
 * quarter is only recomputed and compared.
 */
export default class SealQuarterJob extends Job<{ quarter?: string }> {
  static jobName = 'priorities.seal_quarter'
  static tenantScoped = true

  async handle(payload: { quarter?: string } = {}) {
    if (tenantScope.currentOrFail().kind !== 'portal') return { sealed: null }
    const quarter = payload.quarter ?? previousQuarter(currentQuarter())
    const result = await new SealQuarter().handle(quarter)
    return { sealed: quarter, version: result.snapshot.version, created: result.created, identical: result.identical }
  }
}
