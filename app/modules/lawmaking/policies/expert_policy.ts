import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * The portal's side of expertise: any active user may apply to be an
 * expert; moderators and admins verify experts and invite them. An
 * invitation is answered only by its expert (the actions find it by owner).
 */
export default class ExpertPolicy extends BasePolicy {
  apply(user: User): AuthorizerResponse {
    return user.isActive
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }
}
