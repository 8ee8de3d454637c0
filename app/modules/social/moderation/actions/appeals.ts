import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { recordAudit, type Actor } from '#core/audit'
import { notifyUsers } from '#modules/notifications/services/notify'
import { moderatedKind } from '#modules/social/moderation/registry'

/** How long after a decision or a sanction its subject may appeal. */
export const APPEAL_DAYS = 14

/** Why an appeal or its decision is refused: an i18n key under social_moderation.errors. */
export class AppealRefusal extends Error {
  constructor(
    readonly code: 'appeal_once' | 'appeal_late' | 'same_moderator' | 'appeal_decided',
    readonly status: 403 | 409 | 422
  ) {
    super(code)
  }
}

export type AppealTarget = { decisionId: number } | { sanctionId: number }

/** The last day (a Date) an appeal against something decided at `decidedAt` is accepted. */
export function appealDeadline(decidedAt: Date) {
  return DateTime.fromJSDate(decidedAt).plus({ days: APPEAL_DAYS }).toJSDate()
}

/**
 * What a user may appeal: a moderator's decision to hide their content, or a
 * sanction on them; their own only (404 otherwise), once (409), within 14
 * days by the app clock (422). Returns the row of what is appealed.
 */
export async function appealable(userId: number, target: AppealTarget) {
  const db = tenantDb()
  if ('decisionId' in target) {
    const row = await db
      .from('social_moderation_decisions as d')
      .join('social_moderation_cases as c', 'c.id', 'd.case_id')
      .where('d.id', target.decisionId)
      .where('d.action', 'hide')
      .where('c.author_user_id', userId)
      .select('d.id', 'd.moderator_id', 'd.created_at', 'd.reason', 'c.kind', 'c.item_id')
      .first()
    if (!row) throw new errors.E_NOT_FOUND(`No decision ${target.decisionId} of this user's`)
    return { moderatorId: row.moderator_id as number | null, decidedAt: row.created_at as Date, reason: row.reason as string, kind: row.kind as string }
  }
  const row = await db.from('social_sanctions').where('id', target.sanctionId).where('user_id', userId).first()
  if (!row) throw new errors.E_NOT_FOUND(`No sanction ${target.sanctionId} of this user's`)
  return { moderatorId: row.created_by as number | null, decidedAt: row.created_at as Date, reason: row.reason as string, kind: row.kind as string }
}

/** The user appeals, once, within 14 days; another moderator will decide (audited). */
export async function fileAppeal(userId: number, target: AppealTarget, text: string, actor: Actor) {
  const subject = await appealable(userId, target)
  if (clockDate() > appealDeadline(subject.decidedAt)) throw new AppealRefusal('appeal_late', 422)
  return tenantDb().transaction(async (trx) => {
    const [row] = await trx
      .insertQuery()
      .table('social_moderation_appeals')
      .insert({
        decision_id: 'decisionId' in target ? target.decisionId : null,
        sanction_id: 'sanctionId' in target ? target.sanctionId : null,
        user_id: userId,
        text,
        original_moderator_id: subject.moderatorId,
        created_at: clockDate(),
      })
      .onConflict()
      .ignore()
      .returning('id')
    if (!row) throw new AppealRefusal('appeal_once', 409)
    const id = Number(row.id ?? row)
    await recordAudit(actor, 'social_moderation.appeal_filed', { type: 'social_moderation_appeal', id }, { ...target }, trx)
    return id
  })
}

/**
 * Another moderator (never the one whose decision is appealed) upholds the
 * decision or overturns it: an overturned hide restores the item through its
 * kind, an overturned sanction is lifted. The user is told; audited.
 */
export async function decideAppeal(appealId: number, outcome: 'upheld' | 'overturned', reason: string, actor: Actor & { id: number }) {
  return tenantDb().transaction(async (trx) => {
    const appeal = await trx.from('social_moderation_appeals').where('id', appealId).forUpdate().first()
    if (!appeal) throw new errors.E_NOT_FOUND(`No appeal ${appealId}`)
    if (appeal.decided_at) throw new AppealRefusal('appeal_decided', 409)
    if (appeal.original_moderator_id === actor.id) throw new AppealRefusal('same_moderator', 403)
    const now = clockDate()
    if (outcome === 'overturned' && appeal.decision_id) {
      const decision = await trx.from('social_moderation_decisions').where('id', appeal.decision_id).first()
      const found = await trx.from('social_moderation_cases').where('id', decision.case_id).forUpdate().first()
      const kind = await moderatedKind(found.kind)
      if (kind) await kind.setHidden(found.item_id, false, trx, reason)
      await trx.insertQuery().table('social_moderation_decisions').insert({ case_id: found.id, action: 'restore', reason, moderator_id: actor.id, flagged_at: null, created_at: now })
      await trx.from('social_moderation_cases').where('id', found.id).update({ hidden: false, state: 'decided', decision: 'restore', decision_reason: reason, decided_by: actor.id, decided_at: now, updated_at: now })
    }
    if (outcome === 'overturned' && appeal.sanction_id) {
      await trx.from('social_sanctions').where('id', appeal.sanction_id).whereNull('lifted_at').update({ lifted_at: now, lifted_by: actor.id, lift_reason: reason })
    }
    await trx.from('social_moderation_appeals').where('id', appealId).update({ outcome, outcome_reason: reason, decided_by: actor.id, decided_at: now })
    await notifyUsers(trx, [appeal.user_id], 'social_moderation.appeal_decided', '/moderation/mine', { outcome, reason })
    await recordAudit(actor, 'social_moderation.appeal_decided', { type: 'social_moderation_appeal', id: appealId }, { outcome, reason, decisionId: appeal.decision_id, sanctionId: appeal.sanction_id }, trx)
  })
}
