import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The media registry is open to the office; heads, controllers, department
 * heads and admins enter and import publications; feeds (outside addresses
 * the server fetches) are configured by admins and heads only.
 */
export default class MediaPolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  manage(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'controller', 'department_head')
  }

  manageFeeds(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head')
  }
}
