import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import { notifyUsers } from '#modules/notifications/services/notify'
import { mayPublish } from '#modules/social/moderation/registry'
import Organisation, { type MemberRole } from '#modules/social/profiles/models/organisation'
import { personById } from '#modules/social/profiles/services/people'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

export interface OrganisationInput {
  name: string
  inn?: string
  ogrn?: string
  description: string
  site?: string
  subjects: string[]
}

/** A user applies to register an organisation; they become its owner once a moderator verifies it. */
export async function applyForOrganisation(user: User, input: OrganisationInput, actor: Actor, t: Translate) {
  const verdict = await mayPublish(user.id)
  if (!verdict.allowed) throw refusal('description', 'suspended', t('social_profiles.errors.suspended', { reason: verdict.reason }))
  return tenantDb().transaction(async (trx) => {
    const organisation = await Organisation.create(
      {
        name: input.name,
        inn: input.inn || null,
        ogrn: input.ogrn || null,
        description: input.description,
        site: input.site || null,
        subjects: [...new Set(input.subjects)],
        status: 'pending',
        applicantId: user.id,
      },
      { client: trx }
    )
    await trx.insertQuery().table('social_organisation_members').insert({ organisation_id: organisation.id, user_id: user.id, role: 'owner', accepted_at: new Date(), created_at: new Date() })
    await recordAudit(actor, 'social.organisation_applied', { type: 'social_organisation', id: organisation.id }, { name: organisation.name }, trx)
    return organisation
  })
}

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

async function membership(organisationId: number, userId: number) {
  return tenantDb().from('social_organisation_members').where({ organisation_id: organisationId, user_id: userId }).first()
}

/** An owner invites a portal user (by their profile) as owner, editor or member; the person accepts or declines. */
export async function inviteMember(organisation: Organisation, owner: User, userId: number, role: MemberRole, actor: Actor, t: Translate) {
  const person = await personById(userId)
  if (!person || person.deleted || person.official) throw refusal('userId', 'exists', t('social_profiles.errors.unknown_person'))
  if (await membership(organisation.id, userId)) throw refusal('userId', 'unique', t('social_profiles.errors.already_member'))
  await tenantDb().transaction(async (trx) => {
    await trx.insertQuery().table('social_organisation_members').insert({ organisation_id: organisation.id, user_id: userId, role, accepted_at: null, created_at: new Date() })
    await notifyUsers(trx, [userId], 'social.organisation_invited', `/organisations/${organisation.id}`, { name: organisation.name, role })
    await recordAudit(actor, 'social.organisation_member_invited', { type: 'social_organisation', id: organisation.id }, { userId, role, by: owner.id }, trx)
  })
}

/** The invited person accepts (becomes a member with the role offered) or declines (the invitation is gone). */
export async function answerInvitation(organisation: Organisation, user: User, accept: boolean) {
  const row = await membership(organisation.id, user.id)
  if (!row || row.accepted_at) return false
  const query = tenantDb().from('social_organisation_members').where({ organisation_id: organisation.id, user_id: user.id })
  if (accept) await query.update({ accepted_at: new Date() })
  else await query.delete()
  return true
}

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

/** The members (accepted) and, for owners, the pending invitations. */
export async function membersOf(organisationId: number) {
  return tenantDb()
    .from('social_organisation_members')
    .where('organisation_id', organisationId)
    .orderByRaw(`case role when 'owner' then 0 when 'editor' then 1 else 2 end`)
    .orderBy('created_at')
    .limit(500)
    .select('user_id', 'role', 'accepted_at')
}
