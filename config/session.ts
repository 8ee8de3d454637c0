import { settings } from '#core/settings'
import { defineConfig, stores } from '@adonisjs/session'
import { slidingRedisStore } from '#core/session_store'

/**
 * Sessions live in Redis under the database's key prefix. The cookie is
 * host-only (no domain), so each tenant host has its own session, and the
 * tenant guard middleware additionally binds each session to one tenant.
 * The store is @adonisjs/session's Redis store that reads a session and its
 * expiry in one round trip, so that an unchanged session commits nothing
 * (app/core/session_store.ts, app/middleware/session_middleware.ts).
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'krai-session',
  clearWithBrowser: false,
  age: '8h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: settings.appProtocol === 'https',
    sameSite: 'lax',
  },
  store: 'redis',
  stores: {
    redis: slidingRedisStore({ connection: 'main' }),
    cookie: stores.cookie(),
  },
})

export default sessionConfig
