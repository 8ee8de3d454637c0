import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import { notifyUsers } from '#modules/notifications/services/notify'
import Draft from '#modules/lawmaking/models/draft'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import ExpertInvitation from '#modules/lawmaking/models/expert_invitation'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import ReceivedConclusion from '#modules/lawmaking/models/conclusion_received'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'
import type { Verdict } from '#modules/lawmaking/models/conclusion_columns'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import CaseConclusion from '#modules/lawmaking/models/case_conclusion'
import { publishExpertRegistry, storeExpertRegistry } from '#modules/lawmaking/services/expert_registry'
import { copyConclusionFileFrom } from '#modules/lawmaking/services/conclusion_files'
import { peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { recordDraftEvent } from '#modules/lawmaking/services/timeline'
import { tellExpert } from '#modules/lawmaking/actions/expertise/invite_experts'

/*
| Expertise across tenants. The portal publishes its registry of verified
| experts to every body (lawmaking.experts_published); an invitation made on
| either side reaches the other (lawmaking.expert_invited, named by its key);
| the portal tells the body how the expert answered and sends the
| conclusion with its file and remarks; the body sends its decisions on the
| expert's remarks back (lawmaking.expert_remark_decided). A conclusion on
| a citizens' initiative goes to the body the initiative was forwarded to
| (lawmaking.initiative_conclusion_filed). The sender is the one the relay
| names, its kind comes from the central registry.
*/

const isPortal = () => tenantScope.currentOrFail().kind === 'portal'

function assertBody() {
  if (!isBodyKind(tenantScope.currentOrFail().kind)) throw new errors.E_NOT_FOUND(`${tenantScope.currentOrFail().slug} is not a block or a municipality`)
}

async function assertFromPortal(sender: string) {
  const tenant = await tenantRegistry.findBySlug(sender)
  if (tenant?.kind !== 'portal') throw new errors.E_FORBIDDEN_TRANSITION(`"${sender}" is not a portal`)
}

/** The body's invitation named by the portal that keeps it, locked. */
async function invitationFrom(trx: TransactionClientContract, sender: string, key: string) {
  const invitation = await ExpertInvitation.query({ client: trx }).where('key', key).where('portal_slug', sender).forUpdate().first()
  if (!invitation) throw new errors.E_NOT_FOUND(`No invitation ${key} of "${sender}" here`)
  return invitation
}

/** What a body keeps of a conclusion either way (a draft's or an initiative's): the facts, its own copy of the file. */
async function receivedConclusionFacts(
  sender: string,
  facts: { conclusionId: number; verdict: Verdict; summary: string; filedAt: string; file: { key: string; name: string; mimeType: string; size: number } }
) {
  return {
    originConclusionId: facts.conclusionId,
    verdict: facts.verdict,
    summary: facts.summary,
    fileKey: await copyConclusionFileFrom(sender, facts.file.key),
    fileName: facts.file.name,
    fileMime: facts.file.mimeType,
    fileSize: facts.file.size,
    filedAt: DateTime.fromISO(facts.filedAt),
    receivedAt: DateTime.now(),
  }
}

bus.handle('lawmaking.experts_published', async (message, trx) => {
  assertBody()
  await assertFromPortal(message.from)
  await storeExpertRegistry(trx, message.from, message.payload)
})

// A body without a copy (created after the last publication) asks; the answer goes to it alone.
bus.handle('lawmaking.experts_requested', async (message, trx) => {
  if (!isPortal()) throw new errors.E_NOT_FOUND(`${message.to} is not a portal`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || !isBodyKind(sender.kind)) throw new errors.E_FORBIDDEN_TRANSITION(`"${message.from}" is not a body`)
  await publishExpertRegistry(trx, [sender.slug])
})

// Both ways: the developer's invitation reaches the portal (the expert is told); a moderator's reaches the body.
bus.handle('lawmaking.expert_invited', async (message, trx) => {
  const facts = message.payload
  if (isPortal()) {
    const draft = await PublicDraft.query({ client: trx }).where('origin_tenant', message.from).where('origin_draft_id', facts.draftId).forUpdate().first()
    if (!draft) throw new errors.E_NOT_FOUND(`Draft ${facts.draftId} of "${message.from}" is not published here`)
    if (await PublicExpertInvitation.query({ client: trx }).where('key', facts.key).first()) return
    const expert = await ExpertProfile.query({ client: trx }).where('id', facts.expertId).where('status', 'verified').first()
    const twice = await PublicExpertInvitation.query({ client: trx }).where('draft_id', draft.id).where('expert_id', facts.expertId).first()
    if (!expert || twice) {
      // no longer an expert, or already invited by a moderator: the body learns it is declined
      await bus.reply(trx, message, 'lawmaking.invitation_answered', { key: facts.key, status: 'declined', reason: null, answeredAt: DateTime.now().toISO()! })
      return
    }
    const invitation = await PublicExpertInvitation.create(
      { key: facts.key, draftId: draft.id, expertId: expert.id, field: facts.field, dueOn: DateTime.fromISO(facts.dueOn), status: 'invited', invitedBy: null },
      { client: trx }
    )
    await tellExpert(trx, invitation, expert, draft)
    return
  }
  assertBody()
  await assertFromPortal(message.from)
  const draft = await Draft.query({ client: trx }).where('id', facts.draftId).first()
  if (!draft || draft.currentVersion === 0) throw new errors.E_NOT_FOUND(`No published draft ${facts.draftId} in ${message.to}`)
  const known = await ExpertInvitation.query({ client: trx })
    .where((query) => query.where('key', facts.key).orWhere((same) => same.where('draft_id', draft.id).where('portal_slug', message.from).where('expert_id', facts.expertId)))
    .first()
  if (known) return
  await ExpertInvitation.create(
    {
      key: facts.key,
      draftId: draft.id,
      portalSlug: message.from,
      expertId: facts.expertId,
      expertName: facts.expertName,
      expertOrganisation: facts.expertOrganisation,
      field: facts.field,
      dueOn: DateTime.fromISO(facts.dueOn),
      status: 'invited',
      invitedBy: null,
    },
    { client: trx }
  )
  await notifyUsers(trx, await peopleOfDepartment(trx, draft.departmentId), 'lawmaking.expert_invited_by_portal', `/lawmaking/office/drafts/${draft.id}/experts`, { title: draft.title, expert: facts.expertName }, `lawmaking.expert_invited_by_portal:${facts.key}`)
})

bus.handle('lawmaking.invitation_answered', async (message, trx) => {
  assertBody()
  const facts = message.payload
  const invitation = await invitationFrom(trx, message.from, facts.key)
  if (invitation.status !== 'invited') return
  invitation.merge({ status: facts.status, declineReason: facts.reason, answeredAt: DateTime.fromISO(facts.answeredAt) })
  await invitation.useTransaction(trx).save()
  const draft = await Draft.findOrFail(invitation.draftId, { client: trx })
  await notifyUsers(trx, await peopleOfDepartment(trx, draft.departmentId), 'lawmaking.expert_answered', `/lawmaking/office/drafts/${draft.id}/experts`, { title: draft.title, expert: invitation.expertName, status: facts.status }, `lawmaking.expert_answered:${invitation.key}`)
})

// The body keeps the conclusion, copies its file and files each remark for a decision (once).
bus.handle('lawmaking.conclusion_filed', async (message, trx) => {
  assertBody()
  const facts = message.payload
  const invitation = await invitationFrom(trx, message.from, facts.key)
  const draft = await Draft.query({ client: trx }).where('id', invitation.draftId).forUpdate().firstOrFail()
  if (draft.id !== facts.draftId || draft.currentVersion < facts.versionNumber) throw new errors.E_NOT_FOUND(`The conclusion does not match draft ${draft.id}`)
  if (await ReceivedConclusion.query({ client: trx }).where('invitation_id', invitation.id).first()) return
  const conclusion = await ReceivedConclusion.create(
    {
      invitationId: invitation.id,
      draftId: draft.id,
      versionNumber: facts.versionNumber,
      ...(await receivedConclusionFacts(message.from, facts)),
    },
    { client: trx }
  )
  if (facts.remarks.length) {
    await ReceivedRemark.createMany(
      facts.remarks.map((remark) => ({
        draftId: draft.id,
        originTenant: message.from,
        originRemarkId: remark.remarkId,
        versionNumber: facts.versionNumber,
        clauseKey: remark.clauseKey,
        fragment: null,
        text: remark.text,
        proposedWording: remark.proposedWording,
        reason: null,
        authorName: facts.expertName,
        submittedAt: conclusion.filedAt,
        receivedAt: conclusion.receivedAt,
        decision: null,
        source: 'expert' as const,
        conclusionId: conclusion.id,
      })),
      { client: trx }
    )
  }
  invitation.merge({ status: 'concluded', answeredAt: invitation.answeredAt ?? conclusion.filedAt })
  await invitation.useTransaction(trx).save()
  await notifyUsers(trx, await peopleOfDepartment(trx, draft.departmentId), 'lawmaking.conclusion_received', `/lawmaking/office/drafts/${draft.id}/experts`, { title: draft.title, expert: facts.expertName }, `lawmaking.conclusion_received:${invitation.key}`)
})

// The portal shows the developer's decision on an expert's remark (the latest one counts).
bus.handle('lawmaking.expert_remark_decided', async (message, trx) => {
  if (!isPortal()) throw new errors.E_NOT_FOUND(`${message.to} is not a portal`)
  const facts = message.payload
  const draft = await PublicDraft.query({ client: trx }).where('origin_tenant', message.from).where('origin_draft_id', facts.draftId).first()
  if (!draft) throw new errors.E_NOT_FOUND(`Draft ${facts.draftId} of "${message.from}" is not published here`)
  const remark = await ConclusionRemark.query({ client: trx })
    .where('id', facts.remarkId)
    .whereIn('conclusion_id', trx.from('lawmaking_conclusions').where('draft_id', draft.id).select('id'))
    .forUpdate()
    .first()
  if (!remark) throw new errors.E_NOT_FOUND(`No expert remark ${facts.remarkId} on draft ${draft.id}`)
  const decidedAt = DateTime.fromISO(facts.decidedAt)
  if (remark.decidedAt && remark.decidedAt >= decidedAt) return
  const first = !remark.decidedAt
  remark.merge({ decision: facts.decision, decisionReason: facts.reason, decidedAt })
  await remark.useTransaction(trx).save()
  await recordDraftEvent(trx, draft.id, 'remark_decided', { remarkId: remark.id, clauseKey: remark.clauseKey, decision: facts.decision, reason: facts.reason, revised: !first, source: 'expert' }, decidedAt)
  const expert = await trx
    .from('lawmaking_conclusions as c')
    .join('lawmaking_public_invitations as i', 'i.id', 'c.invitation_id')
    .join('lawmaking_expert_profiles as p', 'p.id', 'i.expert_id')
    .where('c.id', remark.conclusionId)
    .select('p.user_id', 'i.id as invitation_id')
    .firstOrFail()
  await notifyUsers(trx, [expert.user_id], 'lawmaking.expert_remark_decided', `/lawmaking/expertise/${expert.invitation_id}`, { title: draft.title, decision: facts.decision })
})

// A body keeps an expert's conclusion on an initiative it holds from that very portal (once) and copies the file.
bus.handle('lawmaking.initiative_conclusion_filed', async (message, trx) => {
  assertBody()
  await assertFromPortal(message.from)
  const facts = message.payload
  const found = await InitiativeCase.query({ client: trx }).where('origin_tenant', message.from).where('origin_initiative_id', facts.initiativeId).forUpdate().first()
  if (!found) throw new errors.E_NOT_FOUND(`Initiative ${facts.initiativeId} of "${message.from}" is not held in ${message.to}`)
  if (await CaseConclusion.query({ client: trx }).where('case_id', found.id).where('origin_conclusion_id', facts.conclusionId).first()) return
  await CaseConclusion.create(
    {
      caseId: found.id,
      invitationKey: facts.key,
      expertName: facts.expertName,
      expertOrganisation: facts.expertOrganisation,
      ...(await receivedConclusionFacts(message.from, facts)),
    },
    { client: trx }
  )
  await notifyUsers(
    trx,
    await peopleOfDepartment(trx, found.departmentId),
    'lawmaking.initiative_conclusion_received',
    `/lawmaking/initiatives/inbox/${found.id}`,
    { title: found.title, expert: facts.expertName },
    `lawmaking.initiative_conclusion_received:${facts.key}`
  )
})
