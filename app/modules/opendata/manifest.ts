import type { ModuleManifest } from '#core/module_manifest'

/**
 * Open data: bodies (blocks and municipalities) keep their datasets and
 * publish immutable versions; the portal keeps the catalogue (what the bus
 * brought) and serves it as the methodological recommendations 3.0 want.
 */
const opendata: ModuleManifest = {
  name: 'opendata',
  kinds: ['portal', 'block', 'municipality'],
  routes: () => import('#modules/opendata/routes'),
  navigation: [
    // the portal's header has no room left (it must stay on one row at 1366 px): the footer, on every page
    { label: 'opendata.nav.catalogue', href: '/opendata', kinds: ['portal'], position: 30, group: 'footer' },
    {
      label: 'opendata_office.nav.datasets',
      href: '/opendata/office/datasets',
      kinds: ['block', 'municipality'],
      // in a body, the office's work menu (as law-making)
      position: 47,
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user?.hasRole('head', 'admin', 'department_head'),
    },
  ],
}

export default opendata
