import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Platform-wide lifecycle: when the process stops, lets running jobs finish
 * and stops listening for tenant and user changes before Redis connections close.
 */
export default class KraiProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { queueService } = await import('#queue/queue_service')
    const { tenantRegistry } = await import('#tenancy/tenant_registry')
    const { sharedPools } = await import('#tenancy/shared_pools')
    const { userCache } = await import('#modules/identity/services/user_cache')
    await queueService.close()
    await tenantRegistry.close()
    await userCache.close()
    await sharedPools.end()
  }
}
