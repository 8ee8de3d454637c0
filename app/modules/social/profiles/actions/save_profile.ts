import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Municipality from '#modules/identity/models/municipality'
import SocialProfile from '#modules/social/profiles/models/social_profile'
import { mayPublish } from '#modules/social/moderation/registry'
import { deleteAvatar, storeAvatar } from '#modules/social/profiles/services/avatars'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

export interface ProfileInput {
  displayName: string
  about?: string
  municipalityCode?: string
  interests?: string[]
  /** The uploaded avatar's temporary file, already checked by the validator. */
  avatarPath?: string | null
  removeAvatar?: boolean
}

/**
 * Saves a user's public profile, creating the row on the first edit. The new
 * avatar is re-encoded and stored before the transaction and removed again
 * when it fails; the old one is removed once the change is committed.
 */
export async function saveProfile(user: User, input: ProfileInput, t: Translate) {
  const verdict = await mayPublish(user.id)
  if (!verdict.allowed) throw refusal('about', 'suspended', t('social_profiles.errors.suspended', { reason: verdict.reason }))
  const municipalityCode = input.municipalityCode || null
  if (municipalityCode && !(await Municipality.findBy('code', municipalityCode))) {
    throw refusal('municipalityCode', 'exists', t('social_profiles.errors.unknown_municipality'))
  }
  const newAvatar = input.avatarPath ? await storeAvatar(input.avatarPath) : null
  try {
    const { profile, oldAvatar } = await tenantDb().transaction(async (trx) => {
      const found = await SocialProfile.query({ client: trx }).where('user_id', user.id).forUpdate().first()
      if (found?.deletedAt) throw refusal('displayName', 'deleted', t('social_profiles.errors.deleted'))
      const previous = found?.avatarKey ?? null
      const avatarKey = newAvatar ?? (input.removeAvatar ? null : previous)
      const fields = {
        displayName: input.displayName,
        about: input.about?.trim() || null,
        municipalityCode,
        interests: [...new Set(input.interests ?? [])],
        avatarKey,
        updatedAt: DateTime.now(),
      }
      const saved = found ? await found.merge(fields).useTransaction(trx).save() : await SocialProfile.create({ userId: user.id, ...fields }, { client: trx })
      return { profile: saved, oldAvatar: previous !== avatarKey ? previous : null }
    })
    await deleteAvatar(oldAvatar)
    return profile
  } catch (error) {
    await deleteAvatar(newAvatar)
    throw error
  }
}
