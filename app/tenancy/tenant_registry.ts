import redis from '@adonisjs/redis/services/main'
import Tenant from '#tenancy/tenant'
import { settings } from '#core/settings'
import { errors } from '#core/errors'
import { normalizeHost, slugFromHostLabel } from '#tenancy/naming'

const CACHE_TTL_MS = 5_000

/**
 * Reads the central registry and resolves hosts to tenants. Lookups are kept
 * in memory for a few seconds; every change made through the provisioner is
 * announced on Redis so that all web and worker processes forget at once.
 */
class TenantRegistry {
  #byHost = new Map<string, { tenant: Tenant | null; expiresAt: number }>()
  #subscribed = false

  /** Tenant slug encoded by a host name, or 'portal' for the apex domain. */
  slugFromHost(host: string): string | null {
    const domain = settings.appDomain
    if (host === domain || host === `www.${domain}`) return 'portal'
    if (host.endsWith(`.${domain}`)) {
      const label = host.slice(0, -(domain.length + 1))
      return label.includes('.') ? null : slugFromHostLabel(label)
    }
    return null
  }

  async #lookup(host: string): Promise<Tenant | null> {
    const slug = this.slugFromHost(host)
    if (slug) {
      const bySlug = await Tenant.findBy('slug', slug)
      if (bySlug) return bySlug
    }
    return Tenant.query().whereRaw('hosts @> ?::jsonb', [JSON.stringify([host])]).first()
  }

  /**
   * The tenant serving a Host header value, or null for an unknown host.
   */
  async findByHost(rawHost: string): Promise<Tenant | null> {
    await this.#subscribe()
    const host = normalizeHost(rawHost)
    const cached = this.#byHost.get(host)
    if (cached && cached.expiresAt > Date.now()) return cached.tenant

    const tenant = await this.#lookup(host)
    this.#byHost.set(host, { tenant, expiresAt: Date.now() + CACHE_TTL_MS })
    return tenant
  }

  async findBySlug(slug: string): Promise<Tenant | null> {
    return Tenant.findBy('slug', slug)
  }

  async findBySlugOrFail(slug: string): Promise<Tenant> {
    const tenant = await this.findBySlug(slug)
    if (!tenant) throw new errors.E_TENANT_NOT_FOUND(`Unknown tenant "${slug}"`)
    return tenant
  }

  async all(): Promise<Tenant[]> {
    return Tenant.query().orderBy('id')
  }

  async active(): Promise<Tenant[]> {
    return Tenant.query().where('status', 'active').orderBy('id')
  }

  /** Forgets cached lookups here and in every other process. */
  async announceChange() {
    this.forget()
    await redis.publish(this.#channel(), String(Date.now())).catch(() => {})
  }

  forget() {
    this.#byHost.clear()
  }

  /** Stops listening for changes (before Redis connections close). */
  async close() {
    if (!this.#subscribed) return
    this.#subscribed = false
    await redis.unsubscribe(this.#channel()).catch(() => {})
  }

  #channel() {
    return `${settings.redis.keyPrefix}:tenants:changed`
  }

  async #subscribe() {
    if (this.#subscribed) return
    this.#subscribed = true
    try {
      await redis.subscribe(this.#channel(), () => this.forget())
    } catch {
      this.#subscribed = false
    }
  }
}

export const tenantRegistry = new TenantRegistry()
