import type { ModuleManifest } from '#core/module_manifest'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'

const policy = new StaffingPolicy()

/**
 * Staffing completeness: establishment tables against actual staff, risks,
 * trend, imports and exports, the published structure; the Department of
 * Control reads every block's positions and staff through the rollup
 * (no names of people); department names come from identity's `rollup.departments`.
 */
const staffing: ModuleManifest = {
  name: 'staffing',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/staffing/routes'),
  navigation: [
    { label: 'staffing.nav.dashboard', href: '/staffing', kinds: ['block', 'municipality', 'control'], position: 35, group: 'monitoring', visible: (ctx) => !!ctx.auth.user && policy.view(ctx.auth.user) === true },
    { label: 'staffing.nav.region', href: '/staffing/region', kinds: ['control'], position: 36, group: 'region', visible: (ctx) => !!ctx.auth.user && policy.seesAll(ctx.auth.user) },
    { label: 'staffing.nav.public', href: '/staffing/public', kinds: ['block', 'municipality', 'control'], position: 90, visible: (ctx) => !ctx.auth.user },
  ],
  rollup: [
    {
      name: 'staffing_positions',
      from: 'staffing_positions',
      columns: [
        't.id', 't.department_id', 't.title', 't.category', 't.approved_fte', 't.key_post', 't.effective_from', 't.effective_to',
        't.actual_fte', 't.status', 't.vacant_since', 't.acting_since',
      ],
    },
    // People's rows without their names: status, rate and dates give headcount and turnover.
    { name: 'staffing_staff', from: 'staffing_staff', columns: ['t.id', 't.position_id', 't.department_id', 't.status', 't.rate', 't.since', 't.ended_on'] },
  ],
}

export default staffing
