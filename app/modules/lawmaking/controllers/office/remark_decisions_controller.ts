import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { draftToManage } from '#modules/lawmaking/controllers/office/draft_access'
import { decisionValidator, officeMessages } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/refusals'

/**
 * The developer's decision on a remark the portal forwarded. A remark of
 * another department's draft (or another draft's) is a 404 like a missing one.
 */
export default class RemarkDecisionsController {
  async store(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const remark = await ReceivedRemark.query().where('id', Number(params.remarkId)).where('draft_id', draft.id).firstOrFail()
    const data = await request.validateUsing(decisionValidator, { messagesProvider: officeMessages(i18n) })
    const page = `/lawmaking/office/drafts/${draft.id}`
    try {
      const { orderDepartmentId, orderDueOn, orderText, ...decision } = data
      const order = orderDepartmentId ? { departmentId: orderDepartmentId, dueOn: DateTime.fromJSDate(orderDueOn!), text: orderText } : null
      await new DecideRemark().handle(remark.id, { ...decision, order }, auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    session.flash('notice', i18n.t('lawmaking_office.flash.decided'))
    return response.redirect(`${page}#remark-${remark.id}`)
  }
}
