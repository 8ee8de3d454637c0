import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { actorFromContext } from '#core/audit'
import Department from '#modules/identity/models/department'
import DepartmentPolicy from '#modules/identity/policies/department_policy'
import { SaveDepartment } from '#modules/identity/actions/save_department'
import { ChangeDepartmentStatus } from '#modules/identity/actions/change_department_status'
import { departmentValidator } from '#modules/identity/validators/user_validators'

/**
 * Departments of the office with their headcount of accounts; the admin
 * adds, renames, deactivates and reactivates them (a body's directory goes
 * to the portal with each change).
 */
export default class DepartmentsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(DepartmentPolicy).authorize('viewList')
    const departments = await Department.query()
      .orderBy('name_ru')
      .withCount('users', (query) => query.where('status', 'active').as('users_count'))
    return view.render('pages/admin/departments', { departments })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(DepartmentPolicy).authorize('manage')
    const data = await ctx.request.validateUsing(departmentValidator)
    if (!data.code) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'code', message: 'The code is required', rule: 'required' }])
    await new SaveDepartment().handle({ code: data.code, nameRu: data.nameRu, nameEn: data.nameEn }, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t('admin.departments.saved'))
    return ctx.response.redirect('/admin/departments')
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(DepartmentPolicy).authorize('manage')
    const found = await Department.findOrFail(ctx.params.id)
    const data = await ctx.request.validateUsing(departmentValidator)
    await new SaveDepartment().handle({ code: found.code, nameRu: data.nameRu, nameEn: data.nameEn }, actorFromContext(ctx), found.id)
    ctx.session.flash('notice', ctx.i18n.t('admin.departments.saved'))
    return ctx.response.redirect('/admin/departments')
  }

  async deactivate(ctx: HttpContext) {
    return this.#changeStatus(ctx, false)
  }

  async activate(ctx: HttpContext) {
    return this.#changeStatus(ctx, true)
  }

  async #changeStatus(ctx: HttpContext, isActive: boolean) {
    await ctx.bouncer.with(DepartmentPolicy).authorize('manage')
    const found = await Department.findOrFail(ctx.params.id)
    await new ChangeDepartmentStatus().handle(found.id, isActive, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t(isActive ? 'admin.departments.activated' : 'admin.departments.deactivated'))
    return ctx.response.redirect('/admin/departments')
  }
}
