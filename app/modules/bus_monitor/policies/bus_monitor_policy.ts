import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The bus monitor is for the control tenant's admins.
 */
export default class BusMonitorPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }
}
