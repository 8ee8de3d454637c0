import type { ModuleManifest } from '#core/module_manifest'

/**
 * Priority ranks (рейтинг приоритетов): the portal's curated priorities,
 * citizens' quarterly votes by municipality of residence, and the sealed,
 * reproducible quarterly ranks (per municipality and regional).
 */
const priorities: ModuleManifest = {
  name: 'priorities',
  kinds: ['portal', 'municipality', 'block'],
  routes: () => import('#modules/priorities/routes'),
  navigation: [
    // the portal's header is full (one more entry wraps it at 1366 px): the priorities live in the footer,
    // and the priorities page links the results, my votes and suggestions
    { label: 'priorities.nav.index', href: '/priorities', kinds: ['portal'], position: 20, group: 'footer' },
    { label: 'priorities.nav.results', href: '/priorities/results', kinds: ['portal'], position: 21, group: 'footer' },
    { label: 'priorities.nav.my', href: '/priorities/my', kinds: ['portal'], position: 22, group: 'footer', visible: (ctx) => !!ctx.auth.user },
    {
      label: 'priorities.nav.received',
      href: '/priorities/received',
      kinds: ['municipality'],
      position: 45,
      // beside the orders it turns into (the header has no room of its own)
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user?.hasRole('admin', 'head', 'department_head', 'controller'),
    },
    {
      label: 'priorities.nav.received_block',
      href: '/priorities/received',
      kinds: ['block'],
      position: 45,
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user?.hasRole('admin', 'head', 'department_head', 'controller'),
    },
    { label: 'priorities.nav.bursts', href: '/priorities/moderation', kinds: ['portal'], position: 84, group: 'admin', visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin') },
    { label: 'priorities.nav.admin', href: '/priorities/admin', kinds: ['portal'], position: 83, group: 'admin', visible: (ctx) => ctx.auth.user?.role === 'admin' },
  ],
}

export default priorities
