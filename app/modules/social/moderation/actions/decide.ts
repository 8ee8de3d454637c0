import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { recordAudit, type Actor } from '#core/audit'
import { notifyUsers } from '#modules/notifications/services/notify'
import { moderatedKind } from '#modules/social/moderation/registry'

export type CaseAction = 'hide' | 'restore' | 'dismiss'

const auditActions: Record<CaseAction, string> = {
  hide: 'social_moderation.hidden',
  restore: 'social_moderation.restored',
  dismiss: 'social_moderation.flags_dismissed',
}

/**
 * A moderator decides a case: hides the item, restores it, or dismisses the
 * flags (nothing wrong: an item the flags had hidden comes back). Either way
 * the open flags are dealt with (kept, marked cleared: a user flags an item
 * once), the decision is recorded (appeals and statistics), the author is
 * told why, and the audit log has it — all in one transaction.
 */
export async function decideCase(caseId: number, action: CaseAction, reason: string, actor: Actor & { id: number }) {
  return tenantDb().transaction(async (trx) => {
    const found = await trx.from('social_moderation_cases').where('id', caseId).forUpdate().first()
    if (!found) throw new errors.E_NOT_FOUND(`No moderation case ${caseId}`)
    const kind = await moderatedKind(found.kind)
    if (!kind) throw new errors.E_NOT_FOUND(`No moderated kind ${found.kind}`)
    const content = await kind.load(found.item_id, trx)
    const wasHidden = content ? content.hidden : !!found.hidden
    // dismissing the flags of an item they hid (not a moderator) shows it again
    const hide = action === 'hide' ? true : action === 'restore' ? false : wasHidden && found.decision === 'hide' && found.state === 'decided'
    if (content && hide !== content.hidden) await kind.setHidden(found.item_id, hide, trx, reason)
    const now = clockDate()
    const flags = await trx.from('social_moderation_flags').where('case_id', caseId).whereNull('cleared_at').update({ cleared_at: now })
    const [decision] = await trx
      .insertQuery()
      .table('social_moderation_decisions')
      .insert({ case_id: caseId, action, reason, moderator_id: actor.id, flagged_at: found.state === 'pending' ? found.first_flag_at : null, created_at: now })
      .returning('id')
    await trx.from('social_moderation_cases').where('id', caseId).update({
      state: 'decided',
      hidden: hide,
      open_flags: 0,
      decision: action,
      decision_reason: reason,
      decided_by: actor.id,
      decided_at: now,
      updated_at: now,
    })
    const authorUserId: number | null = content?.authorUserId ?? found.author_user_id ?? null
    const told = action === 'hide' || (wasHidden && !hide)
    if (authorUserId && told) {
      await notifyUsers(trx, [authorUserId], hide ? 'social_moderation.hidden' : 'social_moderation.restored', '/moderation/mine', {
        reason,
        excerpt: (content?.excerpt ?? '').slice(0, 80),
      })
    }
    await recordAudit(actor, auditActions[action], { type: 'social_moderation_case', id: caseId }, { kind: found.kind, itemId: found.item_id, reason, flags: Number(flags) }, trx)
    return { decisionId: Number(decision.id ?? decision), hidden: hide }
  })
}
