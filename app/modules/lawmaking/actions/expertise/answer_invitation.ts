import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

/**
 * An invitation of the signed-in expert (locked inside a transaction); 404 for
 * anybody else's (a user who was not invited learns nothing of it).
 */
export async function invitationOf(trx: TransactionClientContract | undefined, invitationId: number, user: User) {
  const query = PublicExpertInvitation.query({ client: trx })
    .where('id', invitationId)
    .whereIn('expert_id', ExpertProfile.query({ client: trx }).where('user_id', user.id).select('id'))
  const invitation = await (trx ? query.forUpdate() : query).first()
  if (!invitation) throw new errors.E_NOT_FOUND(`No invitation ${invitationId} for this user`)
  return invitation
}

/**
 * The expert accepts an invitation, or declines it with a reason; a
 * draft's body learns the answer (an initiative's body hears of
 * conclusions only). Only a pending invitation is answered (409 otherwise).
 */
export async function answerInvitation(invitationId: number, accept: boolean, reason: string | null, user: User, actor: Actor, t: Translate = untranslated) {
  const invitation = await tenantDb().transaction(async (trx) => {
    const found = await invitationOf(trx, invitationId, user)
    if (found.status !== 'invited') throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.answered'))
    const now = DateTime.now()
    found.merge({ status: accept ? 'accepted' : 'declined', declineReason: accept ? null : reason?.trim() || null, answeredAt: now })
    await found.useTransaction(trx).save()
    if (!found.draftId) return found
    const draft = await PublicDraft.query({ client: trx }).where('id', found.draftId).firstOrFail()
    await bus.send(trx, {
      to: draft.originTenant,
      type: 'lawmaking.invitation_answered',
      payload: { key: found.key, status: accept ? 'accepted' : 'declined', reason: found.declineReason, answeredAt: now.toISO()! },
    })
    return found
  })
  await recordAudit(actor, accept ? 'lawmaking.invitation_accepted' : 'lawmaking.invitation_declined', { type: 'lawmaking_invitation', id: invitation.id })
  return invitation
}
