import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The Department of Control's view of the region: its heads, controllers
 * and admins; its executors see their own orders only.
 */
export default class ControlPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.status === 'active' && user.hasRole('admin', 'head', 'department_head', 'controller')
  }
}
