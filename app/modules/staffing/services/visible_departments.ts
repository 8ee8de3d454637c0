import type { HttpContext } from '@adonisjs/core/http'
import Department from '#modules/identity/models/department'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import { errors } from '#core/errors'

/**
 * The departments a user sees on the staffing pages: all active ones for
 * heads, admins and controllers; their own for the staff of a department.
 */
export async function visibleDepartments(ctx: HttpContext) {
  const user = ctx.auth.getUserOrFail()
  const all = new StaffingPolicy().seesAll(user)
  const query = Department.query().where('is_active', true).orderBy(ctx.i18n.locale === 'en' ? 'name_en' : 'name_ru')
  if (!all) query.where('id', user.departmentId ?? 0)
  const departments = await query
  return { all, departments }
}

/** A department the user may see, or 404 (another tenant's id, or not theirs). */
export async function findVisibleDepartment(ctx: HttpContext, id: number) {
  const department = await Department.find(id)
  if (!department || !(await ctx.bouncer.with(StaffingPolicy).allows('viewDepartment', department.id))) {
    throw new errors.E_NOT_FOUND('Department not found')
  }
  return department
}
