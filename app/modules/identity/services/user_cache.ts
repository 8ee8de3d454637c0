import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { settings } from '#core/settings'
import { ExpiringCache } from '#core/expiring_cache'

/**
 * How long a signed-in user's row is reused without asking the database.
 *
 * The cache is what lets a signed-in request make no database statement of
 * its own. It is safe because it is not the only thing that ends an entry:
 * - every save or delete of a User model (role, department, status, locale…)
 *   forgets the entry at once in this process, again after its transaction
 *   commits, and in every other web and worker process through a Redis
 *   message (see User's hooks) — so a deactivated user is signed out, and a
 *   changed role changes menus and permissions, on their next request;
 * - this TTL bounds what nothing announces (a change made with raw SQL, a
 *   lost Redis message) to a few seconds.
 * Entries are keyed by tenant and user id: a user id of one tenant never
 * reads another tenant's user.
 */
export const USER_CACHE_TTL_MS = 10_000
const MAX_ENTRIES = 20_000

type UserRow = Record<string, unknown>

/**
 * In-process cache of the rows of signed-in users, read by the session
 * guard's user provider (cached_user_provider.ts).
 */
class UserCache {
  #rows = new ExpiringCache<UserRow>(USER_CACHE_TTL_MS, MAX_ENTRIES)
  #subscribed = false

  #key(tenantSlug: string, userId: number | string) {
    return `${tenantSlug}:${userId}`
  }

  /**
   * The user's row from the cache, or from `load` (then cached). A missing
   * user is not cached.
   */
  async fetch(tenantSlug: string, userId: number | string, load: () => Promise<UserRow | null>): Promise<UserRow | null> {
    await this.#subscribe()
    return this.#rows.fetch(this.#key(tenantSlug, userId), load)
  }

  /** Forgets one user here only. */
  forget(tenantSlug: string, userId: number | string) {
    this.#rows.forget(this.#key(tenantSlug, userId))
  }

  /** Forgets everything here (tests, tenant changes). */
  clear() {
    this.#rows.clear()
  }

  /** Forgets one user here and in every other process. */
  async announceChange(tenantSlug: string, userId: number | string) {
    this.forget(tenantSlug, userId)
    await redis.publish(this.#channel(), this.#key(tenantSlug, userId)).catch((error) => {
      logger.warn({ error: (error as Error).message }, 'could not announce a user change; other processes keep it until their cache expires')
    })
  }

  /** Stops listening for changes (before Redis connections close). */
  async close() {
    if (!this.#subscribed) return
    this.#subscribed = false
    await redis.unsubscribe(this.#channel()).catch(() => {})
  }

  #channel() {
    return `${settings.redis.keyPrefix}:users:changed`
  }

  async #subscribe() {
    if (this.#subscribed) return
    this.#subscribed = true
    try {
      await redis.subscribe(this.#channel(), (message) => {
        const separator = message.lastIndexOf(':')
        if (separator > 0) this.forget(message.slice(0, separator), message.slice(separator + 1))
        else this.clear()
      })
    } catch {
      this.#subscribed = false
    }
  }
}

export const userCache = new UserCache()
