import type { ModuleManifest } from '#core/module_manifest'

/**
 * Suggestions (предложения по решению проблем): citizens propose solutions on
 * the portal; supported or chosen ones go over the bus to the body they are
 * addressed to, which answers within 10 days.
 */
const suggestions: ModuleManifest = {
  name: 'suggestions',
  kinds: ['portal', 'block', 'municipality', 'control'],
  routes: () => import('#modules/suggestions/routes'),
  navigation: [],
}

export default suggestions
