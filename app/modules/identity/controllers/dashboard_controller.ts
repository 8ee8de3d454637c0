import type { HttpContext } from '@adonisjs/core/http'
import DashboardPolicy from '#modules/identity/policies/dashboard_policy'
import { loadDashboardSummary } from '#modules/identity/builders/dashboard_summary'
import { home } from '#core/home'

/**
 * The tenant's landing page after sign-in. In an office (a block, a
 * municipality, the Department of Control) it is the person's own home: the
 * sections the modules have for them now (core/home.ts); the office's user
 * figures follow, for admins only. On the portal it stays the figures.
 */
export default class DashboardController {
  async show(ctx: HttpContext) {
    const { bouncer, view, i18n, tenant, auth } = ctx
    await bouncer.with(DashboardPolicy).authorize('view')
    const personal = tenant.kind !== 'portal'
    const showSummary = !personal || auth.getUserOrFail().role === 'admin'
    const [sections, summary] = await Promise.all([
      personal ? home.sectionsFor(ctx) : Promise.resolve([]),
      showSummary ? loadDashboardSummary(i18n.locale) : Promise.resolve(null),
    ])
    return view.render('pages/dashboard/show', { personal, sections, summary })
  }
}
