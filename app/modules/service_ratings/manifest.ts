import type { ModuleManifest } from '#core/module_manifest'

/**
 * Government service ratings: bodies publish the services they provide, the
 * portal's citizens rate them monthly on the five criteria of Decree No. 1284,
 * and low ratings with a comment become follow-ups the providing body answers.
 */
const serviceRatings: ModuleManifest = {
  name: 'service_ratings',
  kinds: ['portal', 'block', 'municipality', 'control'],
  routes: () => import('#modules/service_ratings/routes'),
  navigation: [
    { label: 'service_ratings.nav.services', href: '/services', kinds: ['portal'], position: 14 },
    { label: 'service_ratings.nav.ranks', href: '/services/ranks', kinds: ['portal'], position: 15 },
    {
      label: 'service_ratings.nav.inbox',
      href: '/service-ratings/inbox',
      kinds: ['block', 'municipality'],
      position: 41,
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'admin') || (!!ctx.auth.user.departmentId && ctx.auth.user.hasRole('department_head', 'executor'))),
    },
    { label: 'service_ratings.nav.control', href: '/service-ratings/control', kinds: ['control'], position: 43, group: 'monitoring', visible: (ctx) => !!ctx.auth.user?.hasRole('head', 'admin', 'department_head', 'executor', 'controller') },
    { label: 'service_ratings.nav.catalogue', href: '/service-ratings/catalogue', kinds: ['block', 'municipality'], position: 85, group: 'admin', visible: (ctx) => !!ctx.auth.user?.hasRole('admin', 'head') },
  ],
  // What the Department of Control may read of a body's follow-ups: no citizen's comment, no answer text.
  rollup: [
    {
      name: 'service_follow_ups',
      from: 'service_follow_ups',
      columns: ['t.id', 't.service_code', 't.department_code', 't.rated_on', 't.respond_by', 't.status', 't.received_at', 't.answered_at'],
    },
  ],
}

export default serviceRatings
