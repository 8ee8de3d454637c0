import type { HttpContext } from '@adonisjs/core/http'
import { configProvider } from '@adonisjs/core'
import string from '@adonisjs/core/helpers/string'
import { MessageBuilder } from '@adonisjs/core/helpers'
import type { Connection } from '@adonisjs/redis/types'
import type { SessionData, SessionStoreContract, SessionStoreFactory } from '@adonisjs/session/types'

/**
 * How long an unchanged session may go without sliding its expiry: within
 * this window a request that changes nothing in the session writes nothing
 * to Redis and sends no Set-Cookie (see app/middleware/session_middleware.ts).
 * The session still lives `age` from its last change or refresh, so an
 * active user is never signed out early by more than this.
 */
export const SESSION_REFRESH_SECONDS = 5 * 60

const stores = new WeakMap<HttpContext, SlidingRedisStore>()

/**
 * The session store of one request (@adonisjs/session's Redis store, plus
 * what the middleware needs to skip an unchanged commit): it reads the data
 * and the key's remaining lifetime in one Redis round trip (a pipelined GET
 * and TTL), and only slides the expiry when it was last slid more than
 * SESSION_REFRESH_SECONDS ago.
 */
export class SlidingRedisStore implements SessionStoreContract {
  /** Seconds left on the session key when it was read; null when there was no session. */
  #secondsLeft: number | null = null

  constructor(
    readonly connection: Connection,
    readonly ageSeconds: number
  ) {}

  /** The store the session of this request reads and writes through, if any. */
  static of(ctx: HttpContext) {
    return stores.get(ctx)
  }

  /** Whether the session was found and its expiry was slid recently (no refresh needed now). */
  get recentlyRefreshed() {
    return this.#secondsLeft !== null && this.ageSeconds - this.#secondsLeft < SESSION_REFRESH_SECONDS
  }

  async read(sessionId: string): Promise<SessionData | null> {
    const results = await this.connection.pipeline().get(sessionId).ttl(sessionId).exec()
    const contents = results?.[0]?.[1] as string | null | undefined
    const secondsLeft = results?.[1]?.[1] as number | undefined
    if (!contents) return null
    try {
      const data = new MessageBuilder().verify<SessionData>(contents, sessionId)
      if (data && typeof secondsLeft === 'number' && secondsLeft > 0) this.#secondsLeft = secondsLeft
      return data
    } catch {
      return null
    }
  }

  async write(sessionId: string, values: SessionData) {
    await this.connection.setex(sessionId, this.ageSeconds, new MessageBuilder().build(values, undefined, sessionId))
  }

  async destroy(sessionId: string) {
    await this.connection.del(sessionId)
  }

  async touch(sessionId: string) {
    if (this.recentlyRefreshed) return
    await this.connection.expire(sessionId, this.ageSeconds)
  }
}

interface Verifier {
  unsign(payload: unknown, purpose?: string): unknown
}

const MAX_VERIFIED_COOKIES = 50_000
const remembering = new WeakSet<Verifier>()

/**
 * Remembers which session cookies carried a valid signature. A browser
 * sends the same signed cookie on every request, and checking it took three
 * HMACs, the largest single cost of a signed-in request that renders
 * nothing. The result of a check depends only on the exact cookie text and
 * the app keys (which do not change while the process runs; signed cookies
 * carry no expiry), so a cookie text already proven valid is answered from
 * memory. Only valid cookies are remembered, and only for the session
 * cookie's purpose; any other text is checked as before.
 */
export function rememberVerifiedSessionCookies(verifier: Verifier, cookieName: string) {
  if (remembering.has(verifier)) return
  remembering.add(verifier)
  const unsign = verifier.unsign.bind(verifier)
  const verified = new Map<string, string>()
  verifier.unsign = (payload, purpose) => {
    if (purpose !== cookieName || typeof payload !== 'string') return unsign(payload, purpose)
    const known = verified.get(payload)
    if (known !== undefined) return known
    const value = unsign(payload, purpose)
    if (typeof value === 'string') {
      if (verified.size >= MAX_VERIFIED_COOKIES) verified.clear()
      verified.set(payload, value)
    }
    return value
  }
}

/**
 * The session store factory for config/session.ts (a Redis connection name).
 */
export function slidingRedisStore(options: { connection: string }) {
  return configProvider.create(async (app) => {
    const redis = await app.container.make('redis')
    const encryption = await app.container.make('encryption')
    const factory: SessionStoreFactory = (ctx, sessionConfig) => {
      rememberVerifiedSessionCookies(encryption.getMessageVerifier(), sessionConfig.cookieName)
      const store = new SlidingRedisStore(redis.connection(options.connection as any), string.seconds.parse(sessionConfig.age))
      stores.set(ctx, store)
      return store
    }
    return factory
  })
}
