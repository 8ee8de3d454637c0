import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { actorFromContext } from '#core/audit'
import LawsuitAct from '#modules/lawsuits/models/lawsuit_act'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { findVisibleCase } from '#modules/lawsuits/builders/visible_cases'
import { AttachAct } from '#modules/lawsuits/actions/attach_act'
import { RemoveAct } from '#modules/lawsuits/actions/remove_act'
import { actValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'

/**
 * Court acts of a case: upload and removal (who edits the case), download (who sees it).
 */
export default class LawsuitActsController {
  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    const data = await request.validateUsing(actValidator, { messagesProvider: lawsuitMessages(i18n) })
    await new AttachAct().handle(lawsuit, data, actorFromContext(ctx))
    session.flash('notice', i18n.t('lawsuits.flash.act_attached'))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }

  async destroy(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    const act = await LawsuitAct.query().where('case_id', lawsuit.id).where('id', params.actId).firstOrFail()
    await new RemoveAct().handle(act, actorFromContext(ctx))
    session.flash('notice', i18n.t('lawsuits.flash.act_removed', { name: act.fileName }))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }

  async show({ params, response, auth }: HttpContext) {
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    const act = await LawsuitAct.query().where('case_id', lawsuit.id).where('id', params.actId).firstOrFail()
    response.header('content-type', act.mimeType)
    response.attachment(act.fileName)
    return response.stream(await drive.use().getStream(act.storageKey))
  }
}
