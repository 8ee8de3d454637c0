import type { ModuleManifest } from '#core/module_manifest'

/**
 * The installable web app: web manifest, service worker (offline pages and
 * the queue of offline changes) and the offline page, on every tenant host.
 */
const pwa: ModuleManifest = {
  name: 'pwa',
  kinds: ['block', 'control', 'portal'],
  routes: () => import('#modules/pwa/routes'),
  navigation: [],
}

export default pwa
