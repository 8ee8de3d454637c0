import type { HttpContext } from '@adonisjs/core/http'
import DashboardPolicy from '#modules/identity/policies/dashboard_policy'
import { loadDashboardSummary } from '#modules/identity/builders/dashboard_summary'

/**
 * The tenant's landing page after sign-in.
 */
export default class DashboardController {
  async show({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(DashboardPolicy).authorize('view')
    const summary = await loadDashboardSummary(i18n.locale)
    return view.render('pages/dashboard/show', { summary })
  }
}
