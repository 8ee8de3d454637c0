import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type Organisation from '#modules/social/profiles/models/organisation'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

/**
 * An owner removes a member, or a member leaves. The last owner cannot go:
 * an organisation always has somebody who answers for it.
 */
export async function removeMember(organisation: Organisation, userId: number, actor: Actor, t: Translate) {
  await tenantDb().transaction(async (trx) => {
    const row = await trx.from('social_organisation_members').where({ organisation_id: organisation.id, user_id: userId }).forUpdate().first()
    if (!row) throw refusal('userId', 'exists', t('social_profiles.errors.unknown_person'))
    if (row.role === 'owner' && row.accepted_at) {
      const owners = await trx.from('social_organisation_members').where({ organisation_id: organisation.id, role: 'owner' }).whereNotNull('accepted_at').count('* as total')
      if (Number(owners[0].total) <= 1) throw refusal('userId', 'last_owner', t('social_profiles.errors.last_owner'))
    }
    await trx.from('social_organisation_members').where({ organisation_id: organisation.id, user_id: userId }).delete()
    await recordAudit(actor, 'social.organisation_member_removed', { type: 'social_organisation', id: organisation.id }, { userId }, trx)
  })
}
