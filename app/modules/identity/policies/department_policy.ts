import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Departments are visible to the people who run the office.
 */
export default class DepartmentPolicy extends BasePolicy {
  viewList(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head')
  }

  /** Only the tenant's admin adds, renames or deactivates departments. */
  manage(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }
}
