import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { findVisibleDraft } from '#modules/lawmaking/builders/visible_drafts'
import { decisionValidator, officeMessages } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/office/refusals'

/**
 * The developer's decision on a remark the portal forwarded. A remark of
 * another department's draft (or another draft's) is a 404 like a missing one.
 */
export default class RemarkDecisionsController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    await bouncer.with(DraftPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const draft = await findVisibleDraft(user, params.id)
    await bouncer.with(DraftPolicy).authorize('manage', draft)
    const remark = await ReceivedRemark.query().where('id', Number(params.remarkId)).where('draft_id', draft.id).firstOrFail()
    const data = await request.validateUsing(decisionValidator, { messagesProvider: officeMessages(i18n) })
    const page = `/lawmaking/drafts/${draft.id}`
    try {
      await new DecideRemark().handle(remark.id, data, user, actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    session.flash('notice', i18n.t('lawmaking_office.flash.decided'))
    return response.redirect(`${page}#remark-${remark.id}`)
  }
}
