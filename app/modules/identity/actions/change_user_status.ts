import User from '#modules/identity/models/user'
import { recordAudit, type Actor } from '#core/audit'
import { publishDirectory } from '#modules/identity/services/directory'

/**
 * Deactivates or reactivates a user. Deactivation also revokes every API
 * token, and the user's open sessions end at their next request.
 */
export class ChangeUserStatus {
  async handle(user: User, status: 'active' | 'deactivated', actor: Actor) {
    const previous = user.status
    user.status = status
    await user.save()
    if (status === 'deactivated') {
      const tokens = await User.accessTokens.all(user)
      for (const token of tokens) await User.accessTokens.delete(user, token.identifier)
    }
    // whether the user's department is staffed may have changed
    if (user.departmentId) await publishDirectory()
    await recordAudit(actor, status === 'active' ? 'user.activated' : 'user.deactivated', { type: 'user', id: user.id }, {
      from: previous,
      to: status,
    })
    return user
  }
}
