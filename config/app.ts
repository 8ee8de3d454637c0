import { settings } from '#core/settings'
import { assertTrustedProxies, trustProxy } from '#core/trusted_proxies'
import { defineConfig } from '@adonisjs/core/http'

/**
 * HTTP server settings. Cookies carry no domain, so every session cookie is
 * host-only and a tenant's cookie never reaches its neighbour.
 */
assertTrustedProxies()

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // X-Forwarded-* count only from TRUSTED_PROXIES (nobody by default).
  trustProxy,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: settings.appProtocol === 'https',
    sameSite: 'lax',
  },
})
