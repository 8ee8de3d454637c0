import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import Draft from '#modules/lawmaking/models/draft'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import { undecidedRemarks } from '#modules/lawmaking/actions/publish_version'
import { notifyPeople, peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

/** Working days the developer has to decide on every remark after the period ends. */
export const DECIDE_WITHIN_WORKING_DAYS = 10

async function announce(trx: TransactionClientContract, draft: Draft, changedAt: DateTime) {
  const payload = {
    draftId: draft.id,
    stage: draft.stage as 'discussion' | 'reaction' | 'completed',
    changedAt: changedAt.toISO()!,
    decideBy: draft.decideBy?.toISODate() ?? null,
  }
  await bus.sendMany(trx, (await portalSlugs()).map((slug) => ({ to: slug, type: 'lawmaking.stage_changed' as const, payload })))
}

/**
 * Closes the discussion of every draft whose consultation period ended
 * before today: it moves to the reaction stage with a day to decide by
 * (10 working days on the body's calendar), the portal learns it, and the
 * department is told. Run hourly in every body; a draft closes once.
 */
export async function closeEndedConsultations(today: DateTime) {
  const due = await Draft.query().where('stage', 'discussion').where('consultation_ends_on', '<', today.toISODate()!).select('id')
  if (!due.length) return 0
  const calendar = await tenantCalendar()
  let closed = 0
  for (const { id } of due) {
    await tenantDb().transaction(async (trx) => {
      const draft = await Draft.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
      if (draft.stage !== 'discussion') return
      draft.merge({ stage: 'reaction', decideBy: calendar.addWorkingDays(draft.consultationEndsOn!, DECIDE_WITHIN_WORKING_DAYS) })
      await draft.useTransaction(trx).save()
      await announce(trx, draft, DateTime.now())
      await notifyPeople(trx, await peopleOfDepartment(trx, draft.departmentId), 'lawmaking.reaction_started', `/lawmaking/office/drafts/${draft.id}`, {
        title: draft.title,
        decideBy: draft.decideBy!.toFormat('dd.LL.yyyy'),
      }, `lawmaking.reaction_started:${draft.id}:${draft.currentVersion}`)
      closed++
    })
  }
  return closed
}

/**
 * The developer closes the reaction without a new version (the text stays
 * as discussed): only when every remark has a decision.
 */
export class CompleteDraft {
  async handle(draftId: number, actor: Actor, t: Translate = untranslated) {
    const draft = await tenantDb().transaction(async (trx) => {
      const found = await Draft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
      if (found.stage !== 'reaction') throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.not_in_reaction'))
      const undecided = await undecidedRemarks(trx, found.id)
      if (undecided) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.undecided', { count: undecided }))
      found.stage = 'completed'
      await found.useTransaction(trx).save()
      await announce(trx, found, DateTime.now())
      return found
    })
    await recordAudit(actor, 'lawmaking.draft_completed', { type: 'lawmaking_draft', id: draft.id })
    return draft
  }
}
