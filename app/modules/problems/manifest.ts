import type { ModuleManifest } from '#core/module_manifest'

/**
 * Citizens' control: the portal's public problems (report, map, timeline,
 * endorsements, moderation, routing) and the "Citizen problems" queue of
 * the departments in blocks, joined by the tenant bus.
 */
const problems: ModuleManifest = {
  name: 'problems',
  kinds: ['portal', 'block', 'municipality'],
  routes: () => import('#modules/problems/routes'),
  home: () => import('#modules/problems/home'),
  navigation: [
    { label: 'problems.nav.list', href: '/problems', kinds: ['portal'], position: 10, group: 'problems' },
    { label: 'problems.nav.map', href: '/problems/map', kinds: ['portal'], position: 11, group: 'problems' },
    { label: 'problems.nav.new', href: '/problems/new', kinds: ['portal'], position: 12, group: 'problems', visible: (ctx) => !!ctx.auth.user },
    { label: 'problems.nav.stats', href: '/problems/stats', kinds: ['portal'], position: 13, group: 'problems' },
    { label: 'problems.nav.register', href: '/register', kinds: ['portal'], position: 90, visible: (ctx) => !ctx.auth.user },
    { label: 'problems.nav.profile', href: '/citizen/profile', kinds: ['portal'], position: 91, visible: (ctx) => !!ctx.auth.user },
    { label: 'problems.nav.moderation', href: '/problems/moderation', kinds: ['portal'], position: 80, group: 'admin', visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin') },
    { label: 'problems.nav.routing', href: '/problems/admin/routing', kinds: ['portal'], position: 81, group: 'admin', visible: (ctx) => ctx.auth.user?.role === 'admin' },
    { label: 'problems.nav.open311', href: '/problems/admin/open311', kinds: ['portal'], position: 82, group: 'admin', visible: (ctx) => ctx.auth.user?.role === 'admin' },
    {
      label: 'problems.nav.inbox',
      href: '/problems/inbox',
      kinds: ['block', 'municipality'],
      position: 40,
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'admin') || (!!ctx.auth.user.departmentId && ctx.auth.user.hasRole('department_head', 'executor'))),
    },
  ],
  // What the Department of Control may read of a block's queue: no citizen's name, e-mail, text or place.
  rollup: [
    {
      name: 'problem_cases',
      from: 'problem_cases',
      columns: [
        't.id', 't.origin_tenant', 't.origin_problem_id', 't.round', 't.theme_code', 't.municipality_code',
        't.department_id', 't.deadline', 't.status', 't.received_at', 't.answered_at',
      ],
    },
  ],
}

export default problems
