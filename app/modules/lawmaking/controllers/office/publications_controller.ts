import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { isoDay } from '#core/date_column'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { CompleteDraft } from '#modules/lawmaking/actions/change_stage'
import { draftToManage } from '#modules/lawmaking/controllers/office/draft_access'
import { officeMessages, publicationValidator } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/refusals'

function day(value: Date | undefined) {
  return value ? DateTime.fromISO(isoDay(value)) : null
}

/**
 * The developer publishes the prepared text as the next version (with a
 * consultation period: to public discussion; without one: the final text),
 * or closes the reaction stage without a new version.
 */
export default class PublicationsController {
  async store(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const data = await request.validateUsing(publicationValidator, { messagesProvider: officeMessages(i18n) })
    const page = `/lawmaking/office/drafts/${draft.id}`
    try {
      const { version } = await new PublishVersion().handle(
        draft.id,
        { changeSummary: data.changeSummary, consultationStartsOn: day(data.consultationStartsOn), consultationEndsOn: day(data.consultationEndsOn) },
        auth.getUserOrFail(),
        actorFromContext(ctx),
        translatorOf(ctx)
      )
      session.flash('notice', i18n.t('lawmaking_office.flash.published', { number: version.number }))
    } catch (error) {
      return refused(ctx, error, page)
    }
    return response.redirect(page)
  }

  async complete(ctx: HttpContext) {
    const { response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const page = `/lawmaking/office/drafts/${draft.id}`
    try {
      await new CompleteDraft().handle(draft.id, actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    session.flash('notice', i18n.t('lawmaking_office.flash.completed'))
    return response.redirect(page)
  }
}
