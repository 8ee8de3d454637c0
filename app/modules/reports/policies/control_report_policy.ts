import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Periodic control reports: every active user of the control tenant may
 * read them and subscribe; only admins start a generation by hand.
 */
export default class ControlReportPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.status === 'active'
  }

  generate(user: User): AuthorizerResponse {
    return user.status === 'active' && user.hasRole('admin')
  }
}
