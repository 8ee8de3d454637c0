import type { HttpContext } from '@adonisjs/core/http'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { responsiveness } from '#modules/problems/services/public_queries'

/**
 * Public statistics per municipality (where), per answering body (a block
 * or a municipality's own administration) and per department.
 */
export default class StatsController {
  async show({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('view')
    return view.render('pages/problems/stats', {
      byMunicipality: await responsiveness('municipality', i18n.locale),
      byBody: await responsiveness('body', i18n.locale),
      byDepartment: await responsiveness('department', i18n.locale),
    })
  }
}
