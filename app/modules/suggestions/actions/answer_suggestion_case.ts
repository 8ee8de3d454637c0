import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import type Order from '#modules/orders/models/order'
import { refusal, type Translate } from '#modules/priorities/services/refusal'
import type { AnswerKind } from '#modules/suggestions/services/catalog'

export interface AnswerInput {
  kind: AnswerKind
  answer: string
  plannedOn?: Date
  /** Accepted: an order to this department of the body, linked both ways. */
  departmentId?: number
  /** A regulatory-document suggestion accepted as a law-making initiative of the body (its title). */
  initiativeTitle?: string
}

/**
 * A body answers a suggestion sent to it, once per round: accepted (what it
 * will do; optionally an order to one of its departments, created and issued
 * here, its number sent back), planned (by a date), rejected (with reasons),
 * or "not ours" (back to the portal's moderators). The answer goes to the
 * portal over the bus in the same transaction, and is audited.
 */
export class AnswerSuggestionCase {
  async handle(caseId: number, input: AnswerInput, user: User, actor: Actor, t: Translate) {
    const department = input.kind === 'accepted' && input.departmentId ? await Department.query().where('id', input.departmentId).where('is_active', true).first() : null
    if (input.departmentId && input.kind === 'accepted' && !department) throw refusal('departmentId', 'exists', t('suggestions.errors.unknown_department'))
    if (input.initiativeTitle && input.kind !== 'accepted') throw refusal('initiativeTitle', 'initiative.accepted_only', t('suggestions.errors.initiative_accepted_only'))
    let draft: Order | null = null
    await tenantDb().transaction(async (trx) => {
      const found = await trx.from('suggestion_cases').where('id', caseId).forUpdate().first()
      if (!found) throw new errors.E_NOT_FOUND('No such suggestion')
      if (found.status !== 'open') throw new errors.E_FORBIDDEN_TRANSITION(t('suggestions.errors.answered_already'))
      if (input.initiativeTitle && found.category !== 'regulation') throw refusal('initiativeTitle', 'initiative.regulation_only', t('suggestions.errors.initiative_regulation_only'))
      const now = DateTime.now()
      if (department) {
        const orderDraft = {
          type: 'order' as const,
          basis: t('suggestions.order.basis', { id: found.origin_suggestion_id, title: found.title }).slice(0, 500),
          text: t('suggestions.order.text', { title: found.title, answer: input.answer }),
          category: 'suggestions',
          deadlineKeyword: 'promptly' as const,
          responsible: `department:${department.id}`,
        }
        const deadline = await deadlineFor(orderDraft.deadlineKeyword, undefined)
        draft = (await new CreateOrder().insert(trx, orderDraft, deadline, user)).order
      }
      const plannedOn = input.kind === 'planned' && input.plannedOn ? DateTime.fromJSDate(input.plannedOn).toISODate() : null
      await trx
        .from('suggestion_cases')
        .where('id', caseId)
        .update({
          status: input.kind === 'not_ours' ? 'returned' : input.kind,
          answer_kind: input.kind,
          answer_text: input.answer,
          planned_on: plannedOn,
          order_id: draft?.id ?? null,
          order_number: draft?.number ?? null,
          answered_by: user.id,
          answered_at: now.toJSDate(),
        })
      await bus.send(trx, {
        to: found.origin_tenant,
        type: 'suggestions.answered',
        payload: {
          suggestionId: found.origin_suggestion_id,
          round: found.round,
          kind: input.kind,
          text: input.answer,
          plannedOn,
          orderNumber: draft?.number ?? null,
          initiativeTitle: input.initiativeTitle ?? null,
          answeredAt: now.toISO()!,
        },
      })
      await recordAudit(actor, 'suggestions.answered', { type: 'suggestion_case', id: caseId }, { kind: input.kind, orderId: draft?.id ?? null }, trx)
    })
    if (draft) await new IssueOrder().handle(draft, user)
    return draft as Order | null
  }
}
