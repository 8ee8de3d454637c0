import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Every active user manages their own account, and only their own: the
 * account pages never take a user id.
 */
export default class AccountPolicy extends BasePolicy {
  edit(user: User): AuthorizerResponse {
    return user.status === 'active'
  }
}
