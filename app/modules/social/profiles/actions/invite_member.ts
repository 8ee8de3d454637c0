import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import { notifyUsers } from '#modules/notifications/services/notify'
import type Organisation from '#modules/social/profiles/models/organisation'
import type { MemberRole } from '#modules/social/profiles/models/organisation'
import { personById } from '#modules/social/profiles/services/people'
import { membershipOf } from '#modules/social/profiles/services/organisation_members'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

/** An owner invites a portal user (by their profile) as owner, editor or member; the person accepts or declines. */
export async function inviteMember(organisation: Organisation, owner: User, userId: number, role: MemberRole, actor: Actor, t: Translate) {
  const person = await personById(userId)
  if (!person || person.deleted || person.official) throw refusal('userId', 'exists', t('social_profiles.errors.unknown_person'))
  if (await membershipOf(organisation.id, userId)) throw refusal('userId', 'unique', t('social_profiles.errors.already_member'))
  await tenantDb().transaction(async (trx) => {
    await trx.insertQuery().table('social_organisation_members').insert({ organisation_id: organisation.id, user_id: userId, role, accepted_at: null, created_at: new Date() })
    await notifyUsers(trx, [userId], 'social.organisation_invited', `/organisations/${organisation.id}`, { name: organisation.name, role })
    await recordAudit(actor, 'social.organisation_member_invited', { type: 'social_organisation', id: organisation.id }, { userId, role, by: owner.id }, trx)
  })
}

/** The invited person accepts (becomes a member with the role offered) or declines (the invitation is gone). */
export async function answerInvitation(organisation: Organisation, user: User, accept: boolean) {
  const row = await membershipOf(organisation.id, user.id)
  if (!row || row.accepted_at) return false
  const query = tenantDb().from('social_organisation_members').where({ organisation_id: organisation.id, user_id: user.id })
  if (accept) await query.update({ accepted_at: new Date() })
  else await query.delete()
  return true
}
