import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Profiles on the portal: everyone reads public profiles; active accounts
 * keep their own profile, privacy settings and follows, export and delete
 * their data, apply for organisations; moderators review organisations.
 * An official account's user never signs in, so never acts here.
 */
export default class ProfilePolicy extends BasePolicy {
  own(user: User): AuthorizerResponse {
    return user.isActive
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }

  /** In a body: its admin keeps the body's official account. */
  manageOfficialAccount(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }
}
