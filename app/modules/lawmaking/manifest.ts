import type { ModuleManifest } from '#core/module_manifest'
import ControlPolicy from '#modules/control/policies/control_policy'

/**
 * Law-making and public expertise: bodies (blocks and municipalities)
 * prepare draft acts and decide on every remark; the portal publishes the
 * drafts clause by clause and takes citizens' remarks; the tenant bus joins
 * the two.
 */
const lawmaking: ModuleManifest = {
  name: 'lawmaking',
  kinds: ['portal', 'block', 'municipality', 'control'],
  routes: () => import('#modules/lawmaking/routes'),
  navigation: [
    {
      label: 'lawmaking_control.nav',
      href: '/control/lawmaking',
      kinds: ['control'],
      position: 17,
      group: 'region',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(ControlPolicy).allows('view'),
    },
    { label: 'lawmaking.nav.catalogue', href: '/lawmaking', kinds: ['portal'], position: 20, group: 'lawmaking' },
    { label: 'lawmaking.nav.stats', href: '/lawmaking/stats', kinds: ['portal'], position: 22, group: 'lawmaking' },
    {
      label: 'lawmaking.nav.moderation',
      href: '/lawmaking/moderation',
      kinds: ['portal'],
      position: 84,
      group: 'admin',
      visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin'),
    },
    { label: 'lawmaking.nav.my_remarks', href: '/lawmaking/my-remarks', kinds: ['portal'], position: 92, group: 'lawmaking', visible: (ctx) => !!ctx.auth.user },
    { label: 'lawmaking_expertise.nav.queue', href: '/lawmaking/expertise', kinds: ['portal'], position: 93, group: 'lawmaking', visible: (ctx) => !!ctx.auth.user?.hasRole('expert') },
    { label: 'lawmaking_expertise.nav.profile', href: '/lawmaking/expert-profile', kinds: ['portal'], position: 94, group: 'lawmaking', visible: (ctx) => !!ctx.auth.user },
    { label: 'lawmaking_expertise.nav.moderation', href: '/lawmaking/experts/moderation', kinds: ['portal'], position: 95, visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin') },
    {
      label: 'lawmaking_office.nav.drafts',
      href: '/lawmaking/office/drafts',
      kinds: ['block', 'municipality'],
      // in a body, the office's work menu (the header has no room for another one)
      position: 45, group: 'orders',
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'admin') || (!!ctx.auth.user.departmentId && ctx.auth.user.hasRole('department_head', 'executor'))),
    },
    // citizens' initiatives
    { label: 'lawmaking_initiatives.nav.list', href: '/lawmaking/initiatives', kinds: ['portal'], position: 21, group: 'lawmaking' },
    {
      label: 'lawmaking_initiatives.nav.moderation',
      href: '/lawmaking/initiatives/moderation',
      kinds: ['portal'],
      position: 83,
      group: 'admin',
      visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin'),
    },
    {
      label: 'lawmaking_initiatives.nav.inbox',
      href: '/lawmaking/initiatives/inbox',
      kinds: ['block', 'municipality'],
      position: 46,
      group: 'orders',
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'admin') || (!!ctx.auth.user.departmentId && ctx.auth.user.hasRole('department_head', 'executor'))),
    },
  ],
  // What the Department of Control may read of a body's drafts: stages and dates, no remark texts or names.
  rollup: [
    {
      name: 'lawmaking_drafts',
      from: 'lawmaking_drafts',
      columns: ['t.id', 't.title', 't.kind', 't.level', 't.municipality_code', 't.subject_area', 't.department_id', 't.stage', 't.consultation_ends_on', 't.decide_by', 't.current_version'],
    },
    {
      name: 'lawmaking_received_remarks',
      from: 'lawmaking_received_remarks',
      columns: ['t.id', 't.draft_id', 't.version_number', 't.received_at', 't.decision', 't.decided_at'],
    },
    // citizens' initiatives forwarded to the body: dates and answers, no author, no texts
    {
      name: 'lawmaking_initiative_cases',
      from: 'lawmaking_initiative_cases',
      columns: ['t.id', 't.title', 't.level', 't.municipality_code', 't.subject_area', 't.department_id', 't.support_count', 't.forwarded_at', 't.due_on', 't.received_at', 't.answer', 't.answered_at', 't.planned_on', 't.draft_id', 't.order_id'],
    },
  ],
}

export default lawmaking
