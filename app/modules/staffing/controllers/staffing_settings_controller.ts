import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import { loadThresholds, saveThresholds } from '#modules/staffing/services/thresholds'
import { staffingMessages } from '#modules/staffing/validators/staffing_messages'
import { thresholdsValidator } from '#modules/staffing/validators/staffing_validators'

/** The tenant's risk thresholds, edited by admins. */
export default class StaffingSettingsController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.with(StaffingPolicy).authorize('configure')
    return view.render('pages/staffing/settings', { thresholds: await loadThresholds() })
  }

  async update(ctx: HttpContext) {
    const { request, response, bouncer, session, i18n } = ctx
    await bouncer.with(StaffingPolicy).authorize('configure')
    const before = await loadThresholds()
    const thresholds = await request.validateUsing(thresholdsValidator, { messagesProvider: staffingMessages(i18n) })
    await saveThresholds(thresholds)
    await recordAudit(actorFromContext(ctx), 'staffing.thresholds.updated', null, { before, after: thresholds })
    session.flash('notice', i18n.t('staffing.flash.thresholds_saved'))
    return response.redirect('/staffing/settings')
  }
}
