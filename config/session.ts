import { settings } from '#core/settings'
import { defineConfig, stores } from '@adonisjs/session'

/**
 * Sessions live in Redis under the database's key prefix. The cookie is
 * host-only (no domain), so each tenant host has its own session, and the
 * tenant guard middleware additionally binds each session to one tenant.
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
    redis: stores.redis({ connection: 'main' }),
    cookie: stores.cookie(),
  },
})

export default sessionConfig
