import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The tenant's working-day calendar: everyone reads it, admins edit it.
 */
export default class CalendarPolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  edit(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }
}
