import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type Remark from '#modules/lawmaking/models/remark'

/** The portal's side: anyone reads visible remarks; active people remark, support and flag others' remarks; moderators hide. */
export default class RemarkPolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, remark: Remark): AuthorizerResponse {
    return !remark.hiddenAt || (!!user && (user.hasRole('moderator', 'admin') || user.id === remark.authorId))
  }

  remark(user: User): AuthorizerResponse {
    return user.isActive
  }

  support(user: User, remark: Remark): AuthorizerResponse {
    return user.isActive && remark.authorId !== user.id
  }

  flag(user: User, remark: Remark): AuthorizerResponse {
    return user.isActive && remark.authorId !== user.id
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }
}
