import hash from '@adonisjs/core/services/hash'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import User from '#modules/identity/models/user'
import { personalDataParts } from '#modules/social/profiles/personal_data'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

/**
 * Deletes a portal account at its owner's request, confirmed with the
 * password: every area forgets what is only the user's (personal_data.ts),
 * all in one transaction; the account can never sign in again (no password,
 * deactivated, its e-mail released, its API tokens gone) and appears as
 * "deleted user" where others replied. Audited.
 */
export async function deleteAccount(userId: number, password: string, actor: Actor, t: Translate) {
  const user = await User.findOrFail(userId)
  if (!user.password || !(await hash.verify(user.password, password))) {
    throw refusal('password', 'password', t('social_profiles.errors.wrong_password'))
  }
  const parts = await personalDataParts()
  await tenantDb().transaction(async (trx) => {
    for (const part of parts) await part.forget(userId, trx)
    const locked = await User.query({ client: trx }).where('id', userId).forUpdate().firstOrFail()
    // a plain update: the model would hash a null password
    await trx.from('users').where('id', userId).update({ status: 'deactivated', password: null, email: `deleted-${userId}@deleted.invalid`, full_name: '—', invite_token_hash: null, invite_expires_at: null, updated_at: new Date() })
    await User.announceChange(locked.useTransaction(trx))
    await trx.from('auth_access_tokens').where('tokenable_id', userId).delete()
    await recordAudit(actor, 'social.account_deleted', { type: 'user', id: userId }, { parts: parts.map((part) => part.name) }, trx)
  })
}
