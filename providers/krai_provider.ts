import type { ApplicationService } from '@adonisjs/core/types'
import { installClock } from '#core/clock'

/**
 * Platform-wide lifecycle: sets up the clock first thing; when the process stops, lets running jobs finish
 * and stops listening for tenant changes before Redis connections close.
 */
export default class KraiProvider {
  constructor(protected app: ApplicationService) {}

  /** The platform's clock, fixed to KRAI_TODAY in tests that ask for it. */
  register() {
    installClock()
  }

  async shutdown() {
    const { queueService } = await import('#queue/queue_service')
    const { tenantRegistry } = await import('#tenancy/tenant_registry')
    const { sharedPools } = await import('#tenancy/shared_pools')
    await queueService.close()
    await tenantRegistry.close()
    await sharedPools.end()
  }
}
