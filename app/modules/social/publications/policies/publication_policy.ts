import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Publications, comments, galleries and communities on the portal: every
 * active account writes (the moderation area's guard may still refuse a
 * suspended one); authors edit and delete their own; moderators and admins
 * create communities and appoint their expert moderators.
 */
export default class PublicationPolicy extends BasePolicy {
  write(user: User): AuthorizerResponse {
    return user.isActive
  }

  edit(user: User, item: { authorId: number | null }): AuthorizerResponse {
    return user.isActive && item.authorId === user.id
  }

  manageCommunities(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }
}
