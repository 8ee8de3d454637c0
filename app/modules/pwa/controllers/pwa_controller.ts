import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'

export const THEME_COLOR = '#0b4f8a'

/** Pages staff open on the move; the service worker keeps their last copy. */
const STAFF_PAGES = ['/orders', '/planner', '/dashboard', '/notifications']

let template: Promise<string> | undefined

/**
 * The pages of this deployment worth keeping offline: the staff pages whose
 * routes exist (the planner appears once its module is installed).
 */
function offlinePages(kind: string) {
  if (kind === 'portal') return ['/']
  return STAFF_PAGES.filter((path) => router.match(path, 'GET', false) !== null)
}

/**
 * Manifest, service worker and offline page of the installable web app.
 */
export default class PwaController {
  async manifest({ response, tenant, i18n }: HttpContext) {
    const name = tenant!.name(i18n.locale)
    const icons = [48, 72, 96, 144, 192, 512].map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' }))
    icons.push({ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' })
    // the portal is the citizens' problems site; office tenants are orders and the planner
    const portal = tenant!.kind === 'portal'
    const shortcuts = portal
      ? [
          { name: i18n.t('pwa.portal_shortcuts.new'), url: '/problems/new' },
          { name: i18n.t('pwa.portal_shortcuts.list'), url: '/problems' },
          { name: i18n.t('pwa.portal_shortcuts.map'), url: '/problems/map' },
        ]
      : undefined
    response.header('content-type', 'application/manifest+json; charset=utf-8')
    response.header('cache-control', 'no-cache')
    return response.send(
      JSON.stringify({
        id: '/',
        name,
        short_name: name.length > 12 ? i18n.t(portal ? 'pwa.portal_short_name' : 'pwa.short_name') : name,
        description: i18n.t(portal ? 'pwa.portal_description' : 'pwa.description'),
        lang: i18n.locale,
        start_url: portal ? '/' : '/orders',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: '#f3f5f8',
        icons,
        ...(shortcuts ? { shortcuts } : {}),
      })
    )
  }

  /**
   * The worker must come from the host root to control the whole site, and
   * must never be cached by HTTP, or updates would be stuck for a day.
   */
  async serviceWorker({ response, tenant }: HttpContext) {
    template ??= readFile(app.makePath('resources/pwa/sw.js'), 'utf8')
    const source = await template
    const pages = offlinePages(tenant!.kind)
    const version = createHash('sha256').update(source).update(JSON.stringify(pages)).digest('hex').slice(0, 12)
    response.header('content-type', 'text/javascript; charset=utf-8')
    response.header('cache-control', 'no-cache, no-store, must-revalidate')
    response.header('service-worker-allowed', '/')
    return response.send(source.replace('__VERSION__', version).replace('__PAGE_PREFIXES__', JSON.stringify(pages)))
  }

  async offline({ view, tenant }: HttpContext) {
    return view.render('pages/pwa/offline', { pages: offlinePages(tenant!.kind) })
  }
}
