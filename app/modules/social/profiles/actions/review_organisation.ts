import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import { notifyUsers } from '#modules/notifications/services/notify'
import Organisation from '#modules/social/profiles/models/organisation'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

/**
 * A moderator verifies an organisation (its page opens, its members get the
 * badge) or rejects it with a reason. Audited; the applicant is told.
 */
export async function reviewOrganisation(id: number, verdict: 'verify' | 'reject', reason: string | null, moderator: User, actor: Actor, t: Translate) {
  if (verdict === 'reject' && !reason?.trim()) throw refusal('reason', 'required', t('social_profiles.errors.reason_required'))
  return tenantDb().transaction(async (trx) => {
    const organisation = await Organisation.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
    organisation.merge({ status: verdict === 'verify' ? 'verified' : 'rejected', reviewReason: reason?.trim() || null, reviewedBy: moderator.id, reviewedAt: DateTime.now() })
    await organisation.useTransaction(trx).save()
    const kind = verdict === 'verify' ? 'social.organisation_verified' : 'social.organisation_rejected'
    if (organisation.applicantId) await notifyUsers(trx, [organisation.applicantId], kind, `/organisations/${organisation.id}`, { name: organisation.name, reason: organisation.reviewReason ?? '' })
    await recordAudit(actor, kind, { type: 'social_organisation', id: organisation.id }, { name: organisation.name, reason: organisation.reviewReason }, trx)
    return organisation
  })
}
