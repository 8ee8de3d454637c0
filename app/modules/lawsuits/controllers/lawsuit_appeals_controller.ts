import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { findVisibleCase } from '#modules/lawsuits/builders/visible_cases'
import { caseNumberTaken } from '#modules/lawsuits/actions/save_case'
import { FileAppeal } from '#modules/lawsuits/actions/file_appeal'
import { appealValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'

/**
 * Takes a decided case to the next instance (first → appeal → cassation → supervisory).
 */
export default class LawsuitAppealsController {
  async store(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const parent = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', parent)
    const data = await request.validateUsing(appealValidator, { messagesProvider: lawsuitMessages(i18n) })
    if (await caseNumberTaken(data.court, data.number)) {
      session.flashAll()
      session.flash('inputErrorsBag', { number: [i18n.t('lawsuits.validator.number_taken')] })
      return response.redirect().back()
    }
    const appeal = await new FileAppeal().handle(parent, data, actorFromContext(ctx))
    if (!appeal) {
      session.flash('errorsBag', { E_FORBIDDEN_TRANSITION: i18n.t('lawsuits.errors.cannot_appeal') })
      return response.redirect().back()
    }
    session.flash('notice', i18n.t('lawsuits.flash.appealed'))
    return response.redirect(`/lawsuits/${appeal.id}`)
  }
}
