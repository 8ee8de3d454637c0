import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Ratings are open to the whole office; the analysts (heads, controllers,
 * department heads, admins) keep them: ratings, editions, indicators, figures.
 * Turning an alert into an order also needs OrderPolicy.create.
 */
export default class RatingPolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  manage(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'controller', 'department_head')
  }
}
