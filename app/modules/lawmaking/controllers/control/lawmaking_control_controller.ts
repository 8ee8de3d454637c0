import type { HttpContext } from '@adonisjs/core/http'
import { BODY_KINDS } from '#tenancy/naming'
import Tenant from '#tenancy/tenant'
import ControlPolicy from '#modules/control/policies/control_policy'
import { rollupAvailable } from '#modules/control/services/control_figures'
import { lawmakingFigures, overdueReactions } from '#modules/lawmaking/services/control_figures'
import { initiativeFigures, overdueInitiatives } from '#modules/lawmaking/services/initiative_figures'

/** The Department of Control's page on law-making in every body (live rollup views). */
export default class LawmakingControlController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(ControlPolicy).authorize('view')
    if (!(await rollupAvailable())) return view.render('pages/control/unavailable')
    const [figures, overdue, bodies, initiatives, overdueInitiativeList] = await Promise.all([
      lawmakingFigures(),
      overdueReactions(),
      Tenant.query().whereIn('kind', [...BODY_KINDS]).orderBy('slug'),
      initiativeFigures(),
      overdueInitiatives(),
    ])
    return view.render('pages/lawmaking/control/index', {
      figures,
      overdue,
      bodies: new Map(bodies.map((body) => [body.slug, body])),
      initiatives: { figures: initiatives, overdue: overdueInitiativeList },
    })
  }
}
