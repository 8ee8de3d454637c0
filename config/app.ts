import { settings } from '#core/settings'
import { defineConfig } from '@adonisjs/core/http'

/**
 * HTTP server settings. Cookies carry no domain, so every session cookie is
 * host-only and a tenant's cookie never reaches its neighbour.
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  trustProxy: () => true,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: settings.appProtocol === 'https',
    sameSite: 'lax',
  },
})
