import type { ModuleManifest } from '#core/module_manifest'
import ControlPolicy from '#modules/control/policies/control_policy'
import { controlAggregates } from '#modules/control/aggregates'

/**
 * The Department of Control's region view over the rollup of every block.
 */
const control: ModuleManifest = {
  name: 'control',
  kinds: ['control'],
  routes: () => import('#modules/control/routes'),
  navigation: [
    {
      label: 'nav.control_region',
      href: '/control',
      kinds: ['control'],
      position: 15, group: 'region',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(ControlPolicy).allows('view'),
    },
  ],
  rollupAggregates: controlAggregates,
}

export default control
