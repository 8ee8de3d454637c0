import type { ModuleManifest } from '#core/module_manifest'
import EffectivenessPolicy from '#modules/effectiveness/policies/effectiveness_policy'
import { effectivenessAggregates } from '#modules/effectiveness/aggregates'

/**
 * Effectiveness of employees and departments in executing orders: a block's
 * heads see their own people, the Department of Control every block.
 */
const effectiveness: ModuleManifest = {
  name: 'effectiveness',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/effectiveness/routes'),
  navigation: [
    {
      label: 'nav.effectiveness',
      href: '/orders/effectiveness',
      kinds: ['block', 'municipality'],
      position: 23, group: 'orders',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(EffectivenessPolicy).allows('viewBlock'),
    },
    {
      label: 'nav.effectiveness',
      href: '/control/effectiveness',
      kinds: ['control'],
      position: 16, group: 'region',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(EffectivenessPolicy).allows('viewRegion'),
    },
  ],
  rollupAggregates: effectivenessAggregates,
}

export default effectiveness
