import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import StaffingChange from '#modules/staffing/models/staffing_change'
import { staffingOverview } from '#modules/staffing/services/overview'
import { findVisibleDepartment, visibleDepartments } from '#modules/staffing/services/visible_departments'
import { reasonText } from '#modules/staffing/exports/staffing_export'
import { KEY_POSTS } from '#modules/staffing/services/risk_rules'

/**
 * The staffing dashboard (completeness per department and for the block,
 * risks with reasons, monthly trend) and a department's establishment table.
 */
export default class StaffingController {
  async dashboard(ctx: HttpContext) {
    const { view, bouncer, i18n } = ctx
    await bouncer.with(StaffingPolicy).authorize('view')
    const { all, departments } = await visibleDepartments(ctx)
    const overview = await staffingOverview(
      departments.map((department) => ({ id: department.id, name: department.name(i18n.locale) })),
      all
    )
    return view.render('pages/staffing/dashboard', { overview, all, reason: (item: any) => reasonText(item, i18n) })
  }

  async department(ctx: HttpContext) {
    const { params, view, bouncer, i18n } = ctx
    await bouncer.with(StaffingPolicy).authorize('view')
    const department = await findVisibleDepartment(ctx, params.id)
    const today = DateTime.now().toISODate()!
    const [positions, closed, history, overview] = await Promise.all([
      StaffingPosition.query()
        .where('department_id', department.id)
        .withScopes((scopes) => scopes.inForce(today))
        .preload('staff', (staff) => staff.whereNull('ended_on').orderBy('since'))
        .orderByRaw(`case key_post when 'head' then 0 when 'deputy' then 1 when 'chief_accountant' then 2 else 3 end`)
        .orderBy('title'),
      StaffingPosition.query().where('department_id', department.id).whereNot((query) => query.withScopes((scopes) => scopes.inForce(today))).count('* as total').first(),
      StaffingChange.query().where('department_id', department.id).preload('actor').orderBy('id', 'desc').limit(30),
      staffingOverview([{ id: department.id, name: department.name(i18n.locale) }], false),
    ])
    return view.render('pages/staffing/department', {
      department,
      positions,
      closedCount: Number(closed?.$extras.total ?? 0),
      history,
      row: overview.departments[0],
      keyPosts: KEY_POSTS,
      reason: (item: any) => reasonText(item, i18n),
    })
  }
}
