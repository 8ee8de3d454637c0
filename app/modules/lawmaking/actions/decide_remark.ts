import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import Draft from '#modules/lawmaking/models/draft'
import ReceivedRemark, { type RemarkDecision } from '#modules/lawmaking/models/received_remark'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

export interface RemarkDecisionInput {
  decision: RemarkDecision
  reason?: string | null
  /** The clause an accepted remark changes (the remark's own by default). */
  clauseKey?: string | null
}

/**
 * The developer department decides on a remark once the consultation period
 * is over: accepted (naming the clause it changes), partly accepted,
 * rejected or out of scope — the last two always with a reason. A decision
 * may be revised until the next version is published; the portal shows the
 * latest. The caller has checked that the user acts for the draft's
 * department.
 */
export class DecideRemark {
  async handle(remarkId: number, input: RemarkDecisionInput, user: User, actor: Actor, t: Translate = untranslated) {
    const reason = input.reason?.trim() || null
    if ((input.decision === 'rejected' || input.decision === 'out_of_scope') && !reason) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'reason', rule: 'required', message: t('lawmaking_office.errors.reason_required') }])
    }
    const remark = await tenantDb().transaction(async (trx) => {
      const found = await ReceivedRemark.query({ client: trx }).where('id', remarkId).forUpdate().firstOrFail()
      const draft = await Draft.query({ client: trx }).where('id', found.draftId).firstOrFail()
      if (draft.stage !== 'reaction') {
        throw new errors.E_FORBIDDEN_TRANSITION(
          draft.stage === 'discussion'
            ? t('lawmaking_office.errors.decide_after_period', { endsOn: draft.consultationEndsOn?.toFormat('dd.LL.yyyy') })
            : t('lawmaking_office.errors.decisions_closed')
        )
      }
      const now = DateTime.now()
      found.merge({
        decision: input.decision,
        decisionReason: reason,
        decidedClauseKey: input.decision === 'accepted' || input.decision === 'partly_accepted' ? (input.clauseKey ?? found.clauseKey) : null,
        decidedBy: user.id,
        decidedAt: now,
      })
      await found.useTransaction(trx).save()
      await bus.send(trx, {
        to: found.originTenant,
        type: found.source === 'expert' ? 'lawmaking.expert_remark_decided' : 'lawmaking.remark_decided',
        payload: { draftId: draft.id, remarkId: found.originRemarkId, decision: input.decision, reason, decidedAt: now.toISO()! },
      })
      return found
    })
    await recordAudit(actor, 'lawmaking.remark_decided', { type: 'lawmaking_remark', id: remark.id }, { decision: input.decision })
    return remark
  }
}
