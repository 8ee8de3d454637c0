import type { HttpContext } from '@adonisjs/core/http'
import { regionTodayIso } from '#core/region_time'
import Municipality from '#modules/identity/models/municipality'
import { DECISIONS, LEVELS, STAGES, lawmakingStats } from '#modules/lawmaking/services/public_stats'
import { statsFiltersValidator } from '#modules/lawmaking/validators/portal_validators'

/**
 * Law-making statistics on the portal (anyone reads): drafts by stage and
 * level, remarks per draft, the developers' decisions, the authority's
 * reaction on time and citizens' initiatives by status, filtered by level
 * and municipality. Only the portal's own copies.
 */
export default class StatsController {
  async show({ request, view }: HttpContext) {
    const [, parsed] = await statsFiltersValidator.tryValidate(request.qs())
    const filters = parsed ?? {}
    return view.render('pages/lawmaking/portal/stats', {
      filters,
      stats: await lawmakingStats(filters, regionTodayIso()),
      stages: STAGES,
      levels: LEVELS,
      decisions: DECISIONS,
      municipalities: await Municipality.query().orderBy('name_ru'),
    })
  }
}
