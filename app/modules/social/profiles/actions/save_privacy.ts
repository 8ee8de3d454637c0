import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import SocialProfile from '#modules/social/profiles/models/social_profile'

/** The privacy settings; the profile row is created with the citizen's name when there is none yet. */
export async function savePrivacy(user: User, input: { messagePolicy: SocialProfile['messagePolicy']; municipalityVisibility: SocialProfile['municipalityVisibility']; emailDigest?: boolean }, defaultName: string) {
  return tenantDb().transaction(async (trx) => {
    const found = await SocialProfile.query({ client: trx }).where('user_id', user.id).forUpdate().first()
    const fields = { messagePolicy: input.messagePolicy, municipalityVisibility: input.municipalityVisibility, emailDigest: !!input.emailDigest }
    if (found) return found.merge(fields).useTransaction(trx).save()
    return SocialProfile.create({ userId: user.id, displayName: defaultName, interests: [], ...fields }, { client: trx })
  })
}
