import { tenantDb } from '#tenancy/tenant_model'
import Department from '#modules/identity/models/department'

/**
 * Whether anybody (a department head or an executor, active) works in the
 * department: a case routed to an empty one would otherwise wait forever.
 */
export async function isStaffed(departmentId: number) {
  const row = await tenantDb()
    .from('users')
    .where('department_id', departmentId)
    .where('status', 'active')
    .whereIn('role', ['department_head', 'executor'])
    .first()
  return !!row
}

/** Active departments with somebody in them: where the head may hand a case. */
export async function staffedDepartments() {
  return Department.query()
    .where('is_active', true)
    .whereExists((query) =>
      query.from('users').whereColumn('users.department_id', 'departments.id').where('users.status', 'active').whereIn('users.role', ['department_head', 'executor'])
    )
    .orderBy('name_ru')
}
