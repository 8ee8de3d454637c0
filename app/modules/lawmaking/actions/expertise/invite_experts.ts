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
import Initiative from '#modules/lawmaking/models/initiative'
import { INITIATIVE_EXPERTISE_STATUSES } from '#modules/lawmaking/services/initiative_expertise'
import { recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'
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

/** The portal tells a verified expert of an invitation to review a draft or an initiative (in the portal's transaction). */
export function tellExpert(trx: TransactionClientContract, invitation: PublicExpertInvitation, expert: ExpertProfile, subject: { title: string }) {
  const kind = invitation.initiativeId ? 'lawmaking.initiative_expert_invited' : 'lawmaking.expert_invited'
  return notifyUsers(trx, [expert.userId], kind, `/lawmaking/expertise/${invitation.id}`, { title: subject.title, dueOn: invitation.dueOn.toISODate() }, `${kind}:${invitation.key}`)
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

/** What a portal moderator invites experts to review: a published draft or a citizens' initiative. */
export type ExpertiseSubject = { kind: 'draft'; id: number } | { kind: 'initiative'; id: number }

/**
 * The subject, locked and checked open for invitations (409 otherwise):
 * its title, the invitation's owner column, what the audit names, and what
 * else an invitation of it does besides telling the expert.
 */
async function invitingSubject(trx: TransactionClientContract, subject: ExpertiseSubject, t: Translate) {
  if (subject.kind === 'draft') {
    const draft = await PublicDraft.query({ client: trx }).where('id', subject.id).forUpdate().firstOrFail()
    if (!INVITING_STAGES.includes(draft.stage)) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.not_inviting'))
    return {
      title: draft.title,
      owner: { draftId: draft.id },
      audited: { type: 'lawmaking_public_draft', id: draft.id },
      // the draft's body keeps the invitation with its own
      announce: (invitation: PublicExpertInvitation, expert: ExpertProfile) =>
        bus.send(trx, invitedMessage(draft.originTenant, invitation.key, draft.originDraftId, expert, invitation.field, invitation.dueOn)),
    }
  }
  const initiative = await Initiative.query({ client: trx }).where('id', subject.id).forUpdate().firstOrFail()
  if (!INITIATIVE_EXPERTISE_STATUSES.includes(initiative.status)) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.initiative_not_inviting'))
  return {
    title: initiative.title,
    owner: { initiativeId: initiative.id },
    audited: { type: 'lawmaking_initiative', id: initiative.id },
    // the public timeline names the expert; a body hears of conclusions only (it may not hold the initiative yet)
    announce: (invitation: PublicExpertInvitation, expert: ExpertProfile) =>
      recordInitiativeEvent(trx, initiative.id, 'expert_invited', { expert: expert.publicName, organisation: expert.organisation, field: invitation.field, dueOn: invitation.dueOn.toISODate() }),
  }
}

/**
 * A portal moderator invites verified experts of a field to review a
 * published draft in discussion or reaction, or a citizens' initiative in
 * discussion or forwarded; a draft's body learns of each invitation (and
 * keeps it with its own), an initiative's timeline shows it. Due in 10
 * working days on the portal's calendar. An expert already invited to the
 * subject is not invited twice. Audited.
 */
export async function inviteExpertsFromPortal(subject: ExpertiseSubject, field: string, expertIds: number[], moderator: User, actor: Actor, t: Translate = untranslated) {
  const dueOn = await expertiseDueOn()
  const { invited, audited } = await tenantDb().transaction(async (trx) => {
    const target = await invitingSubject(trx, subject, t)
    const experts = await ExpertProfile.query({ client: trx }).whereIn('id', expertIds).where('status', 'verified').whereRaw('fields \\? ?', [field])
    if (experts.length !== new Set(expertIds).size) throw new errors.E_NOT_FOUND(t('lawmaking_expertise.errors.unknown_expert'))
    const ownerColumn = subject.kind === 'draft' ? 'draft_id' : 'initiative_id'
    const taken = new Set((await PublicExpertInvitation.query({ client: trx }).where(ownerColumn, subject.id).select('expert_id')).map((row) => row.expertId))
    const created: PublicExpertInvitation[] = []
    for (const expert of experts.filter((candidate) => !taken.has(candidate.id))) {
      const invitation = await PublicExpertInvitation.create(
        { key: randomUUID(), ...target.owner, expertId: expert.id, field, dueOn, status: 'invited', invitedBy: moderator.id },
        { client: trx }
      )
      await tellExpert(trx, invitation, expert, target)
      await target.announce(invitation, expert)
      created.push(invitation)
    }
    return { invited: created, audited: target.audited }
  })
  for (const invitation of invited) {
    await recordAudit(actor, 'lawmaking.expert_invited', audited, { invitation: invitation.key, expertId: invitation.expertId, field })
  }
  return invited
}
