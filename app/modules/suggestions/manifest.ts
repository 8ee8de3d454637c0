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
  navigation: [
    { label: 'suggestions.nav.index', href: '/suggestions', kinds: ['portal'], position: 30, group: 'problems' },
    { label: 'suggestions.nav.map', href: '/suggestions/map', kinds: ['portal'], position: 31, group: 'problems' },
    { label: 'suggestions.nav.new', href: '/suggestions/new', kinds: ['portal'], position: 32, group: 'problems', visible: (ctx) => !!ctx.auth.user },
    { label: 'suggestions.nav.my', href: '/suggestions/my', kinds: ['portal'], position: 33, group: 'problems', visible: (ctx) => !!ctx.auth.user },
    { label: 'suggestions.nav.stats', href: '/suggestions/stats', kinds: ['portal'], position: 34, group: 'problems' },
    { label: 'suggestions.nav.moderation', href: '/suggestions/moderation', kinds: ['portal'], position: 85, group: 'admin', visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin') },
    {
      label: 'suggestions.nav.inbox',
      href: '/suggestions/inbox',
      kinds: ['block', 'municipality'],
      position: 46,
      // beside the priorities received (the office header has no room of its own)
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user?.hasRole('head', 'admin', 'department_head', 'controller'),
    },
    { label: 'suggestions.nav.control', href: '/suggestions/control', kinds: ['control'], position: 44, group: 'monitoring', visible: (ctx) => !!ctx.auth.user?.hasRole('head', 'admin', 'department_head', 'executor', 'controller') },
  ],
  // What the Department of Control may read of a body's suggestions: no title, text, route or anybody's name.
  rollup: [
    {
      name: 'suggestion_cases',
      from: 'suggestion_cases',
      columns: ['t.id', 't.origin_tenant', 't.origin_suggestion_id', 't.round', 't.category', 't.municipality_code', 't.supports', 't.status', 't.deadline', 't.received_at', 't.answered_at', 't.answer_kind'],
    },
  ],
}

export default suggestions
