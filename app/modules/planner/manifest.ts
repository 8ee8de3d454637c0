import type { ModuleManifest } from '#core/module_manifest'

/**
 * Personal planner: tasks and events around orders, reminders, an
 * iCalendar feed per user, delegated-task control for heads.
 */
const planner: ModuleManifest = {
  name: 'planner',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/planner/routes'),
  home: () => import('#modules/planner/home'),
  navigation: [
    { label: 'nav.planner', href: '/planner', kinds: ['block', 'municipality', 'control'], position: 25, visible: (ctx) => !!ctx.auth.user },
  ],
}

export default planner
