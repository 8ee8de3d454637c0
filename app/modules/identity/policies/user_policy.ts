import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Who may see and manage the tenant's users: its admins.
 */
export default class UserPolicy extends BasePolicy {
  viewList(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }

  view(user: User, target: User): AuthorizerResponse {
    return user.role === 'admin' || user.id === target.id
  }

  invite(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }

  /** An admin cannot lock themselves out. */
  changeStatus(user: User, target: User): AuthorizerResponse {
    return user.role === 'admin' && user.id !== target.id
  }
}
