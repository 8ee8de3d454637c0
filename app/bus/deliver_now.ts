import type Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { relayOutbox } from '#bus/relay'
import { applyInbox, loadBusHandlers } from '#bus/apply'

/**
 * Relays and applies every pending message among these tenants, in this
 * process, until they are quiet (or after `maxRounds` rounds): the work the
 * queue's bus jobs would do, for callers that need the result at once (the
 * demo seed, tests). Each step runs in its own tenant's scope, as in the jobs.
 */
export async function deliverNow(tenants: Tenant[], maxRounds = 8) {
  await loadBusHandlers()
  for (let round = 0; round < maxRounds; round++) {
    let moved = 0
    for (const tenant of tenants) {
      const relayed = await tenantScope.run(tenant, () => relayOutbox())
      moved += relayed.delivered + relayed.failed
    }
    for (const tenant of tenants) {
      const applied = await tenantScope.run(tenant, () => applyInbox())
      moved += applied.applied + applied.failed
    }
    if (!moved) return
  }
}
