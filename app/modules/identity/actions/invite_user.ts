import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import User from '#modules/identity/models/user'
import { recordAudit, type Actor } from '#core/audit'
import type { Role } from '#modules/identity/roles'

export function hashInviteToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Creates an invited user without a password and returns the one-time
 * token of the invitation link; only its hash is stored.
 */
export class InviteUser {
  static validDays = 7

  async handle(
    input: { email: string; fullName: string; role: Role; departmentId?: number | null },
    actor: Actor
  ) {
    const email = input.email.toLowerCase()
    if (await User.query().whereRaw('lower(email) = ?', [email]).first()) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'email', message: 'user_exists', rule: 'unique' },
      ])
    }
    const token = randomBytes(24).toString('base64url')
    const user = await User.create({
      email,
      fullName: input.fullName,
      role: input.role,
      departmentId: input.departmentId ?? null,
      password: null,
      status: 'invited',
      inviteTokenHash: hashInviteToken(token),
      inviteExpiresAt: DateTime.now().plus({ days: InviteUser.validDays }),
    })
    await recordAudit(actor, 'user.invited', { type: 'user', id: user.id }, { email, role: user.role })
    return { user, token }
  }
}
