import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import LawsuitEvent from '#modules/lawsuits/models/lawsuit_event'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { findVisibleCase } from '#modules/lawsuits/builders/visible_cases'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { hearingValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'

/**
 * Hearings of a case: scheduled, moved, their result recorded.
 */
export default class LawsuitHearingsController {
  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    const data = await request.validateUsing(hearingValidator, { messagesProvider: lawsuitMessages(i18n) })
    await new ScheduleHearing().handle(lawsuit, data, actorFromContext(ctx))
    session.flash('notice', i18n.t('lawsuits.flash.hearing_added'))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }

  async update(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    const event = await LawsuitEvent.query().where('id', params.eventId).where('case_id', lawsuit.id).firstOrFail()
    const data = await request.validateUsing(hearingValidator, { messagesProvider: lawsuitMessages(i18n) })
    await new ScheduleHearing().handle(lawsuit, data, actorFromContext(ctx), event)
    session.flash('notice', i18n.t('lawsuits.flash.hearing_updated'))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }
}
