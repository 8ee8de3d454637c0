import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { isoDay } from '#core/date_column'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { CompleteDraft } from '#modules/lawmaking/actions/change_stage'
import { findVisibleDraft } from '#modules/lawmaking/builders/visible_drafts'
import { officeMessages, publicationValidator } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/office/refusals'

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
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    await bouncer.with(DraftPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const draft = await findVisibleDraft(user, params.id)
    await bouncer.with(DraftPolicy).authorize('manage', draft)
    const data = await request.validateUsing(publicationValidator, { messagesProvider: officeMessages(i18n) })
    const page = `/lawmaking/drafts/${draft.id}`
    try {
      const { version } = await new PublishVersion().handle(
        draft.id,
        { changeSummary: data.changeSummary, consultationStartsOn: day(data.consultationStartsOn), consultationEndsOn: day(data.consultationEndsOn) },
        user,
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
    const { auth, bouncer, params, response, session, i18n } = ctx
    await bouncer.with(DraftPolicy).authorize('use')
    const draft = await findVisibleDraft(auth.getUserOrFail(), params.id)
    await bouncer.with(DraftPolicy).authorize('manage', draft)
    const page = `/lawmaking/drafts/${draft.id}`
    try {
      await new CompleteDraft().handle(draft.id, actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    session.flash('notice', i18n.t('lawmaking_office.flash.completed'))
    return response.redirect(page)
  }
}
