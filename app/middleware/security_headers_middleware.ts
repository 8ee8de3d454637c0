import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { settings } from '#core/settings'

/** HSTS lifetime: 180 days. */
const HSTS_MAX_AGE = 180 * 24 * 60 * 60

/**
 * The origin a map tile template (`https://{s}.tile.example/{z}/{x}/{y}.png`)
 * loads images from, `{s}` subdomains as a wildcard; null without tiles.
 */
export function tileOrigin(template: string | undefined) {
  const match = /^(https?:\/\/[^/?#]+)/i.exec(template ?? '')
  return match ? match[1].replace(/\{s\}/g, '*') : null
}

/** The Content-Security-Policy of one answer. */
export function contentSecurityPolicy(nonce: string) {
  const https = settings.appProtocol === 'https'
  const tiles = tileOrigin(env.get('PROBLEMS_TILE_URL'))
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // scripts are files of our own; the nonce covers what Vite injects while developing
    'script-src': ["'self'", `'nonce-${nonce}'`],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    // progress bars and tree indents set a width or margin in a style attribute; no markup can run code through it
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    'font-src': ["'self'", 'data:'],
    // voice recordings are previewed from a blob before upload
    'media-src': ["'self'", 'blob:'],
    // the Vite dev server's hot-reload socket outside production
    'connect-src': ["'self'", ...(app.inProduction ? [] : ['ws:', 'wss:'])],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
  if (https) directives['upgrade-insecure-requests'] = []
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ')
}

/**
 * Security headers on every answer, pages, API, errors and static files
 * alike (a server middleware, so an unknown host's 404 has them too):
 * Content-Security-Policy with a fresh nonce (shared with views as
 * `cspNonce`), Referrer-Policy, X-Content-Type-Options, X-Frame-Options, and
 * Strict-Transport-Security only when the platform is served over https.
 * Set on the raw response so files written by the static server carry them.
 */
export default class SecurityHeadersMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const nonce = randomBytes(16).toString('base64')
    ctx.response.nonce = nonce
    ctx.view.share({ cspNonce: nonce })
    const raw = ctx.response.response
    raw.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
    raw.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    raw.setHeader('X-Content-Type-Options', 'nosniff')
    raw.setHeader('X-Frame-Options', 'DENY')
    if (settings.appProtocol === 'https') raw.setHeader('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE}`)
    return next()
  }
}
