import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The audit log is for the tenant's admins.
 */
export default class AuditPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    return user.role === 'admin'
  }
}
