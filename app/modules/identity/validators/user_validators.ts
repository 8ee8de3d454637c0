import vine from '@vinejs/vine'
import type { Role } from '#modules/identity/roles'

/**
 * Invitation form of the admin page. Roles depend on the tenant kind, so the
 * allowed list is passed in.
 */
const inviteValidators = new Map<string, ReturnType<typeof buildInviteValidator>>()

function buildInviteValidator(roles: readonly Role[]) {
  return vine.create({
    email: vine.string().trim().email().maxLength(254),
    fullName: vine.string().trim().minLength(2).maxLength(255),
    role: vine.enum([...roles]),
    departmentId: vine.number().positive().optional(),
  })
}

export function inviteUserValidator(roles: readonly Role[]) {
  const key = roles.join(',')
  if (!inviteValidators.has(key)) inviteValidators.set(key, buildInviteValidator(roles))
  return inviteValidators.get(key)!
}

export const acceptInvitationValidator = vine.create({
  password: vine.string().minLength(10).maxLength(256).confirmed({ confirmationField: 'passwordConfirmation' }),
})

/** A department of the office: a new one (with its code) or a renamed one. */
export const departmentValidator = vine.create({
  code: vine.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).optional(),
  nameRu: vine.string().trim().minLength(2).maxLength(255),
  nameEn: vine.string().trim().minLength(2).maxLength(255),
})
