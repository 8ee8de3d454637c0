import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import LawsuitEvent from '#modules/lawsuits/models/lawsuit_event'
import { refreshNextHearing } from '#modules/lawsuits/actions/save_case'

export interface HearingInput {
  scheduledOn: Date
  startsAt?: string
  courtroom?: string
  result?: string
}

/**
 * Adds a hearing to a case or changes one (moved to another day, result
 * recorded). A moved hearing is reminded again: reminders are keyed by the
 * hearing's date.
 */
export class ScheduleHearing {
  async handle(lawsuit: LawsuitCase, input: HearingInput, actor: Actor, existing?: LawsuitEvent) {
    return tenantDb().transaction(async (trx) => {
      const event = existing ?? new LawsuitEvent()
      const movedFrom = existing?.scheduledOn.toISODate() ?? null
      event.merge({
        caseId: lawsuit.id,
        kind: 'hearing',
        scheduledOn: DateTime.fromJSDate(input.scheduledOn),
        startsAt: input.startsAt ?? null,
        courtroom: input.courtroom ?? null,
        result: input.result ?? null,
      })
      if (!existing) event.createdBy = actor.id
      await event.useTransaction(trx).save()
      await refreshNextHearing(trx, lawsuit.id)
      if (existing && movedFrom !== event.scheduledOn.toISODate()) {
        await recordAudit(actor, 'lawsuit.hearing_moved', { type: 'lawsuit_case', id: lawsuit.id }, {
          eventId: event.id,
          from: movedFrom,
          to: event.scheduledOn.toISODate(),
        }, trx)
      }
      return event
    })
  }
}
