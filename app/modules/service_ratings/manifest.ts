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
    // the portal's header is full (one more entry wraps it at 1366 px): the services live in the footer, beside the priorities
    { label: 'service_ratings.nav.services', href: '/services', kinds: ['portal'], position: 24, group: 'footer' },
    { label: 'service_ratings.nav.ranks', href: '/services/ranks', kinds: ['portal'], position: 25, group: 'footer' },
    {
      label: 'service_ratings.nav.inbox',
      href: '/service-ratings/inbox',
      kinds: ['block', 'municipality'],
      position: 41,
      // in the orders menu: the office header is full
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'admin') || (!!ctx.auth.user.departmentId && ctx.auth.user.hasRole('department_head', 'executor'))),
    },
    { label: 'service_ratings.nav.control', href: '/service-ratings/control', kinds: ['control'], position: 43, group: 'monitoring', visible: (ctx) => !!ctx.auth.user?.hasRole('head', 'admin', 'department_head', 'executor', 'controller') },
    // the catalogue: linked from the inbox (an entry in the administration menu turned a head's single link into a
    // wider menu and wrapped the office header at 1366 px)
  ],
  // What the Department of Control may read of a body's follow-ups: no citizen's comment, no answer text.
  rollup: [
    {
      name: 'service_follow_ups',
      from: 'service_follow_ups',
      // the service's channel as the body's catalogue has it now (for Control's filter by channel)
      reads: ['service_catalogue'],
      columns: [
        't.id', 't.service_code', 't.department_code', 't.rated_on', 't.respond_by', 't.status', 't.received_at', 't.answered_at',
        '(select c.channel from {schema}.service_catalogue c where c.code = t.service_code)::text as channel',
      ],
    },
  ],
}

export default serviceRatings
