import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import { regionTodayIso } from '#core/region_time'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import Draft from '#modules/lawmaking/models/draft'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import type { InitiativeAnswer } from '#modules/lawmaking/models/initiative'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { InvalidText, parseClauses } from '#modules/lawmaking/services/clauses'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'
import { checkSpawnedOrder, insertSpawnedOrder, type SpawnedOrderInput } from '#modules/lawmaking/services/spawned_orders'

export interface InitiativeAnswerInput {
  answer: InitiativeAnswer
  /** The reasons of a rejection (required), or a comment. */
  reason?: string | null
  /** The day a plan takes the initiative up (required for a plan, not in the past). */
  plannedOn?: DateTime | null
  /** An order to a department of the body, spawned from the initiative (not with a rejection). */
  order?: SpawnedOrderInput | null
}

function invalid(field: string, rule: string, message: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, rule, message }])
}

/** The explanatory note a draft prepared on an initiative starts with: the initiative's own words. */
function explanatoryNote(found: InitiativeCase) {
  return [
    `Проект подготовлен по законодательной инициативе граждан «${found.title}» (портал, инициатива № ${found.originInitiativeId}; поддержали: ${found.supportCount}).`,
    `Проблема: ${found.problem}`,
    `Цель: ${found.goal}`,
    `Предлагаемое регулирование: ${found.proposal}`,
  ].join('\n\n')
}

/** The proposed regulation as the draft's starting text; one clause when its lines do not cut into clauses. */
function startingText(found: InitiativeCase) {
  try {
    parseClauses(found.proposal)
    return found.proposal
  } catch (error) {
    if (!(error instanceof InvalidText)) throw error
    return found.proposal.replace(/\s+/g, ' ').trim()
  }
}

/**
 * The department answers a forwarded initiative: accepted for drafting (a
 * draft act in preparation is created with the core SaveDraft, the
 * initiative's text as its start, linked both ways), included in a plan
 * (by a date), or rejected (reasons required). With an order, the
 * initiative also becomes an order to a department of the body (its basis
 * names the initiative; the case keeps the order). The answer goes back to
 * the portal over the bus. The caller has checked that the user acts for
 * the case's department.
 */
export class AnswerInitiative {
  async handle(caseId: number, input: InitiativeAnswerInput, user: User, actor: Actor, t: Translate = untranslated) {
    const reason = input.reason?.trim() || null
    if (input.answer === 'rejected' && !reason) throw invalid('reason', 'required', t('lawmaking_initiatives.errors.reason_required'))
    if (input.answer === 'included_in_plan') {
      if (!input.plannedOn) throw invalid('plannedOn', 'required', t('lawmaking_initiatives.errors.planned_on_required'))
      if (input.plannedOn.toISODate()! < regionTodayIso()) throw invalid('plannedOn', 'date.afterOrEqual', t('lawmaking_initiatives.errors.planned_on_past'))
    }
    const order = input.answer === 'rejected' ? null : (input.order ?? null)
    const orderDeadline = order ? await checkSpawnedOrder(order, t) : null

    const unanswered = await InitiativeCase.findOrFail(caseId)
    if (unanswered.answer) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_initiatives.errors.answered'))
    // SaveDraft runs its own transaction: the draft is written first and removed again if another answer came meanwhile
    const draft =
      input.answer === 'accepted_for_drafting'
        ? await new SaveDraft().handle(
            {
              title: unanswered.title,
              kind: unanswered.level === 'regional' ? 'law' : 'municipal_act',
              level: unanswered.level,
              municipalityCode: unanswered.municipalityCode,
              subjectArea: unanswered.subjectArea,
              departmentId: unanswered.departmentId,
              responsibleId: user.id,
              explanatoryNote: explanatoryNote(unanswered),
              text: startingText(unanswered),
            },
            user,
            actor
          )
        : null

    let spawned: Order | null = null
    let answered: InitiativeCase
    try {
      answered = await tenantDb().transaction(async (trx) => {
        const found = await InitiativeCase.query({ client: trx }).where('id', caseId).forUpdate().firstOrFail()
        if (found.answer) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_initiatives.errors.answered'))
        if (order) {
          spawned = await insertSpawnedOrder(
            trx,
            order,
            {
              basis: `Законодательная инициатива граждан № ${found.originInitiativeId} «${found.title}»`,
              defaultText: `Рассмотреть и реализовать законодательную инициативу граждан «${found.title}»: ${found.proposal}`,
              category: 'lawmaking_initiative',
            },
            orderDeadline!,
            user
          )
        }
        const now = DateTime.now()
        found.merge({
          answer: input.answer,
          answerText: reason,
          plannedOn: input.answer === 'included_in_plan' ? input.plannedOn! : null,
          answeredBy: user.id,
          answeredAt: now,
          draftId: draft?.id ?? null,
          orderId: spawned?.id ?? null,
        })
        await found.useTransaction(trx).save()
        if (draft) await Draft.query({ client: trx }).where('id', draft.id).update({ initiative_id: found.id })
        await bus.send(trx, {
          to: found.originTenant,
          type: 'lawmaking.initiative_answered',
          payload: {
            initiativeId: found.originInitiativeId,
            answer: input.answer,
            text: reason,
            plannedOn: found.plannedOn?.toISODate() ?? null,
            orderNumber: spawned?.number ?? null,
            answeredAt: now.toISO()!,
          },
        })
        return found
      })
    } catch (error) {
      if (draft) await Draft.query().where('id', draft.id).delete()
      throw error
    }
    // issued once the answer is committed (like an order from a rating alert); a failure leaves it a draft to issue by hand
    if (spawned) await new IssueOrder().handle(spawned, user)
    await recordAudit(actor, 'lawmaking.initiative_answered', { type: 'lawmaking_initiative_case', id: answered.id }, { answer: input.answer, draftId: draft?.id ?? null, orderId: spawned ? (spawned as Order).id : null })
    return { answered, draft, order: spawned as Order | null }
  }
}
