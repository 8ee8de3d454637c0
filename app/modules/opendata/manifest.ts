import type { ModuleManifest } from '#core/module_manifest'
import ControlPolicy from '#modules/control/policies/control_policy'

/**
 * Open data: bodies (blocks and municipalities) keep their datasets and
 * publish immutable versions; the portal keeps the catalogue (what the bus
 * brought) and serves it as the methodological recommendations 3.0 want.
 */
const opendata: ModuleManifest = {
  name: 'opendata',
  kinds: ['portal', 'block', 'municipality', 'control'],
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
    // the Department of Control: overdue datasets of every body
    {
      label: 'opendata_generated.control.nav',
      href: '/control/opendata',
      kinds: ['control'],
      position: 18,
      group: 'region',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(ControlPolicy).allows('view'),
    },
  ],
  // What the Department of Control reads of a body's open data: published datasets and the day of their latest version.
  rollup: [
    {
      name: 'opendata_datasets',
      from: 'opendata_dataset_freshness',
      columns: ['t.id', 't.identifier', 't.title_ru', 't.title_en', 't.frequency', 't.generated', 't.current_version', 't.last_published_at', 't.current_as_of'],
    },
  ],
}

export default opendata
