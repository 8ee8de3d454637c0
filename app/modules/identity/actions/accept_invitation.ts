import { DateTime } from 'luxon'
import User from '#modules/identity/models/user'
import { recordAudit, type Actor } from '#core/audit'
import { hashInviteToken } from '#modules/identity/actions/invite_user'
import { publishDirectory } from '#modules/identity/services/directory'

/**
 * Finds the still valid invitation behind a token, or null.
 */
export async function findInvitation(token: string) {
  return User.query()
    .where('status', 'invited')
    .where('invite_token_hash', hashInviteToken(token))
    .where('invite_expires_at', '>', DateTime.now().toSQL()!)
    .first()
}

/**
 * Sets the invited user's password and activates the account.
 */
export class AcceptInvitation {
  async handle(user: User, password: string, actor: Actor) {
    user.password = password
    user.status = 'active'
    user.inviteTokenHash = null
    user.inviteExpiresAt = null
    await user.save()
    // an accepted invitation may staff a department
    if (user.departmentId) await publishDirectory()
    await recordAudit({ ...actor, id: user.id, email: user.email }, 'user.invitation_accepted', {
      type: 'user',
      id: user.id,
    })
    return user
  }
}
