import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import Draft from '#modules/lawmaking/models/draft'
import ReceivedRemark, { type RemarkDecision } from '#modules/lawmaking/models/received_remark'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'
import { checkSpawnedOrder, insertSpawnedOrder, type SpawnedOrderInput } from '#modules/lawmaking/services/spawned_orders'

export interface RemarkDecisionInput {
  decision: RemarkDecision
  reason?: string | null
  /** The clause an accepted remark changes (the remark's own by default). */
  clauseKey?: string | null
  /** An order to a department of the body given with an accepted or partly accepted remark. */
  order?: SpawnedOrderInput | null
}

/**
 * The developer department decides on a remark once the consultation period
 * is over: accepted (naming the clause it changes), partly accepted,
 * rejected or out of scope — the last two always with a reason. A decision
 * may be revised until the next version is published; the portal shows the
 * latest. With an accepted or partly accepted remark the department may
 * give an order (its basis names the draft and the clause; the remark keeps
 * it; one per remark). The caller has checked that the user acts for the
 * draft's department.
 */
export class DecideRemark {
  async handle(remarkId: number, input: RemarkDecisionInput, user: User, actor: Actor, t: Translate = untranslated) {
    const reason = input.reason?.trim() || null
    if ((input.decision === 'rejected' || input.decision === 'out_of_scope') && !reason) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'reason', rule: 'required', message: t('lawmaking_office.errors.reason_required') }])
    }
    const order = input.order ?? null
    if (order && input.decision !== 'accepted' && input.decision !== 'partly_accepted') {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'orderDepartmentId', rule: 'order', message: t('lawmaking_office.errors.order_needs_acceptance') }])
    }
    const orderDeadline = order ? await checkSpawnedOrder(order, t) : null
    let spawned: Order | null = null
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
      if (order && found.orderId) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.order_given'))
      if (order) {
        // the clause as the latest version that has it names it
        const clause = await trx
          .from('lawmaking_clauses as c')
          .join('lawmaking_versions as v', 'v.id', 'c.version_id')
          .where('v.draft_id', draft.id)
          .where('c.clause_key', found.clauseKey)
          .orderBy('v.number', 'desc')
          .select('c.label')
          .first()
        const label = !clause || clause.label === 'preamble' ? 'преамбула' : clause.label
        spawned = await insertSpawnedOrder(
          trx,
          order,
          {
            basis: `Проект «${draft.title}», замечание (${label}) № ${found.originRemarkId}`,
            defaultText: `Учесть замечание к проекту «${draft.title}»: ${found.text}`,
            category: 'lawmaking_remark',
          },
          orderDeadline!,
          user
        )
      }
      const now = DateTime.now()
      found.merge({
        decision: input.decision,
        decisionReason: reason,
        decidedClauseKey: input.decision === 'accepted' || input.decision === 'partly_accepted' ? (input.clauseKey ?? found.clauseKey) : null,
        decidedBy: user.id,
        decidedAt: now,
        ...(spawned ? { orderId: (spawned as Order).id } : {}),
      })
      await found.useTransaction(trx).save()
      await bus.send(trx, {
        to: found.originTenant,
        type: found.source === 'expert' ? 'lawmaking.expert_remark_decided' : 'lawmaking.remark_decided',
        payload: { draftId: draft.id, remarkId: found.originRemarkId, decision: input.decision, reason, decidedAt: now.toISO()! },
      })
      return found
    })
    // issued once the decision is committed; a failure leaves it a draft to issue by hand
    if (spawned) await new IssueOrder().handle(spawned, user)
    await recordAudit(actor, 'lawmaking.remark_decided', { type: 'lawmaking_remark', id: remark.id }, { decision: input.decision, orderId: spawned ? (spawned as Order).id : null })
    return remark
  }
}
