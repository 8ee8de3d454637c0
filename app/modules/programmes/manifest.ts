import type { ModuleManifest } from '#core/module_manifest'

/**
 * Programmes and roadmaps with events, indicators and completion control.
 */
const programmes: ModuleManifest = {
  name: 'programmes',
  kinds: ['block', 'control'],
  routes: () => import('#modules/programmes/routes'),
  navigation: [
    { label: 'nav.programmes', href: '/programmes', kinds: ['block', 'control'], position: 30, group: 'orders', visible: (ctx) => !!ctx.auth.user },
  ],
}

export default programmes
