import type { ModuleManifest } from '#core/module_manifest'
import { lawsuitRollupAggregates, lawsuitRollupViews } from '#modules/lawsuits/rollup'

/**
 * Court cases (lawsuits): instances, hearings, acts, amounts and outcomes;
 * upcoming hearings with reminders; monitoring, import and exports.
 */
const lawsuits: ModuleManifest = {
  name: 'lawsuits',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/lawsuits/routes'),
  navigation: [
    { label: 'lawsuits.nav.cases', href: '/lawsuits', kinds: ['block', 'municipality', 'control'], position: 40, group: 'monitoring', visible: (ctx) => !!ctx.auth.user },
    { label: 'lawsuits.nav.dashboard', href: '/lawsuits/dashboard', kinds: ['block', 'municipality', 'control'], position: 41, group: 'monitoring', visible: (ctx) => !!ctx.auth.user },
    {
      label: 'lawsuits.nav.region',
      href: '/lawsuits/region',
      kinds: ['control'],
      position: 42, group: 'region',
      visible: (ctx) => !!ctx.auth.user?.hasRole('admin', 'head', 'controller', 'lawyer'),
    },
  ],
  rollup: lawsuitRollupViews,
  rollupAggregates: lawsuitRollupAggregates,
}

export default lawsuits
