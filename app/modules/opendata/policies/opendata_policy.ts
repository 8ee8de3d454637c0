import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * A body's open data: its head, admins and department heads keep the
 * datasets and the publisher profile and publish versions; nobody else.
 */
export default class OpendataPolicy extends BasePolicy {
  manage(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin', 'department_head')
  }
}
