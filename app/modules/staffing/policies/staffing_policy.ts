import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Staffing: heads (and admins, controllers) see every department; the staff
 * of a department see their own. Admins and heads manage every department's
 * establishment table and staff, department heads their own. Thresholds are
 * the admin's.
 */
export default class StaffingPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return this.seesAll(user) || user.departmentId !== null
  }

  /** Whether the user sees every department (else only their own). */
  seesAll(user: User): boolean {
    return user.hasRole('admin', 'head', 'controller')
  }

  /** The region through the rollup (control tenant): those who see every department. */
  viewRegion(user: User): AuthorizerResponse {
    return this.seesAll(user)
  }

  viewDepartment(user: User, departmentId: number): AuthorizerResponse {
    return this.seesAll(user) || user.departmentId === departmentId
  }

  /** Change positions and staff; without a department: may manage at least one. */
  manage(user: User, departmentId?: number): AuthorizerResponse {
    if (user.hasRole('admin', 'head')) return true
    return user.hasRole('department_head') && user.departmentId !== null && (departmentId === undefined || user.departmentId === departmentId)
  }

  configure(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }
}
