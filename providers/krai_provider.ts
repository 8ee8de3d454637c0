import ShieldMiddlewareClass from '@adonisjs/shield/shield_middleware'
import type { ApplicationService } from '@adonisjs/core/types'
import type { ShieldConfig } from '@adonisjs/shield/types'
import { installClock } from '#core/clock'

/**
 * Platform-wide lifecycle: sets up the clock first thing; when the process
 * stops, lets running jobs finish and stops listening for tenant and user
 * changes before Redis connections close.
 */
export default class KraiProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * The platform's clock first (fixed to KRAI_TODAY in tests that ask for it).
   *
   * @adonisjs/shield binds its middleware anew for every request: it built
   * the CSRF, CSP and header guards from the same config and imported
   * edge.js each time. The middleware keeps nothing of a request, so one
   * instance serves all (registered after shield's provider, this wins).
   */
  register() {
    installClock()
    this.app.container.singleton(ShieldMiddlewareClass, async () => {
      const config = this.app.config.get<ShieldConfig>('shield', {} as ShieldConfig)
      const encryption = (await this.app.container.make('encryption')).use()
      const edge = this.app.usingEdgeJS ? (await import('edge.js')).default : undefined
      return new ShieldMiddlewareClass(config, encryption, edge)
    })
  }

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
