import type { HttpContext } from '@adonisjs/core/http'
import Department from '#modules/identity/models/department'
import DepartmentPolicy from '#modules/identity/policies/department_policy'

/**
 * Departments of the office with their headcount of accounts.
 */
export default class DepartmentsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(DepartmentPolicy).authorize('viewList')
    const departments = await Department.query().orderBy('name_ru').withCount('users')
    return view.render('pages/admin/departments', { departments })
  }
}
