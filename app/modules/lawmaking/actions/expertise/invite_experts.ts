import { randomUUID } from 'node:crypto'
import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import { regionToday } from '#core/region_time'
import type User from '#modules/identity/models/user'
import { notifyUsers } from '#modules/notifications/services/notify'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import Draft from '#modules/lawmaking/models/draft'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'
import ExpertInvitation from '#modules/lawmaking/models/expert_invitation'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

/** Working days an expert has for a conclusion (the production calendar the orders module uses). */
export const EXPERTISE_WORKING_DAYS = 10

/** Stages in which experts are invited: while the draft is discussed, or its remarks decided. */
const INVITING_STAGES = ['discussion', 'reaction']

/** The other side's copy of an invitation: named by its key, the draft by the body's id, the expert by the portal's. */
function invitedMessage(to: string, key: string, draftId: number, expert: { id: number; publicName: string; organisation: string }, field: string, dueOn: DateTime) {
  return {
    to,
    type: 'lawmaking.expert_invited' as const,
    payload: { key, draftId, expertId: expert.id, expertName: expert.publicName, expertOrganisation: expert.organisation, field, dueOn: dueOn.toISODate()! },
  }
}

/** The due day of an invitation sent today, on the current tenant's calendar. */
export async function expertiseDueOn() {
  return (await tenantCalendar()).addWorkingDays(regionToday(), EXPERTISE_WORKING_DAYS)
}

/** The portal tells a verified expert of an invitation (in the portal's transaction). */
export function tellExpert(trx: TransactionClientContract, invitation: PublicExpertInvitation, expert: ExpertProfile, draft: PublicDraft) {
  return notifyUsers(trx, [expert.userId], 'lawmaking.expert_invited', `/lawmaking/expertise/${invitation.id}`, { title: draft.title, dueOn: invitation.dueOn.toISODate() }, `lawmaking.expert_invited:${invitation.key}`)
}

/**
 * The developer invites verified experts of a field (from the body's copy
 * of the portal's registry) to review a draft in discussion or reaction:
 * one invitation each, due in 10 working days, sent to the portal. An
 * expert already invited to this draft is not invited twice. The caller
 * checked DraftPolicy.manage. Returns the new invitations.
 */
export async function inviteExperts(draftId: number, field: string, expertIds: number[], user: User, actor: Actor, t: Translate = untranslated) {
  const dueOn = await expertiseDueOn()
  const invited = await tenantDb().transaction(async (trx) => {
    const draft = await Draft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
    if (!INVITING_STAGES.includes(draft.stage)) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.not_inviting'))
    const experts = await ExpertEntry.query({ client: trx }).whereIn('id', expertIds).whereRaw('fields \\? ?', [field])
    if (experts.length !== new Set(expertIds).size) throw new errors.E_NOT_FOUND(t('lawmaking_expertise.errors.unknown_expert'))
    const taken = await ExpertInvitation.query({ client: trx }).where('draft_id', draft.id).select('portal_slug', 'expert_id')
    const created: ExpertInvitation[] = []
    for (const expert of experts) {
      if (taken.some((row) => row.portalSlug === expert.portalSlug && row.expertId === expert.expertId)) continue
      const invitation = await ExpertInvitation.create(
        {
          key: randomUUID(),
          draftId: draft.id,
          portalSlug: expert.portalSlug,
          expertId: expert.expertId,
          expertName: expert.publicName,
          expertOrganisation: expert.organisation,
          field,
          dueOn,
          status: 'invited',
          invitedBy: user.id,
        },
        { client: trx }
      )
      await bus.send(trx, invitedMessage(expert.portalSlug, invitation.key, draft.id, { id: expert.expertId, publicName: expert.publicName, organisation: expert.organisation }, field, dueOn))
      created.push(invitation)
    }
    return created
  })
  for (const invitation of invited) {
    await recordAudit(actor, 'lawmaking.expert_invited', { type: 'lawmaking_draft', id: draftId }, { invitation: invitation.key, expert: invitation.expertName, field })
  }
  return invited
}

/**
 * A portal moderator invites verified experts of a field to review a
 * published draft in discussion or reaction; the draft's body learns of each
 * invitation (and keeps it with its own). Due in 10 working days on the
 * portal's calendar. Audited.
 */
export async function inviteExpertsFromPortal(publicDraftId: number, field: string, expertIds: number[], moderator: User, actor: Actor, t: Translate = untranslated) {
  const dueOn = await expertiseDueOn()
  const invited = await tenantDb().transaction(async (trx) => {
    const draft = await PublicDraft.query({ client: trx }).where('id', publicDraftId).forUpdate().firstOrFail()
    if (!INVITING_STAGES.includes(draft.stage)) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.not_inviting'))
    const experts = await ExpertProfile.query({ client: trx }).whereIn('id', expertIds).where('status', 'verified').whereRaw('fields \\? ?', [field])
    if (experts.length !== new Set(expertIds).size) throw new errors.E_NOT_FOUND(t('lawmaking_expertise.errors.unknown_expert'))
    const taken = new Set((await PublicExpertInvitation.query({ client: trx }).where('draft_id', draft.id).select('expert_id')).map((row) => row.expertId))
    const created: PublicExpertInvitation[] = []
    for (const expert of experts.filter((candidate) => !taken.has(candidate.id))) {
      const invitation = await PublicExpertInvitation.create(
        { key: randomUUID(), draftId: draft.id, expertId: expert.id, field, dueOn, status: 'invited', invitedBy: moderator.id },
        { client: trx }
      )
      await tellExpert(trx, invitation, expert, draft)
      await bus.send(trx, invitedMessage(draft.originTenant, invitation.key, draft.originDraftId, expert, field, dueOn))
      created.push(invitation)
    }
    return created
  })
  for (const invitation of invited) {
    await recordAudit(actor, 'lawmaking.expert_invited', { type: 'lawmaking_public_draft', id: publicDraftId }, { invitation: invitation.key, expertId: invitation.expertId, field })
  }
  return invited
}
