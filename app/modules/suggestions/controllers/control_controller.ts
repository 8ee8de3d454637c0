import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { clockDate } from '#core/clock'
import SuggestionCasePolicy from '#modules/suggestions/policies/suggestion_case_policy'

/**
 * "Suggestions" in the Department of Control: every body's suggestions from
 * the rollup (`rollup.suggestion_cases`: ids, category, municipality, status,
 * dates — no title, text or anybody's name), received, open, overdue,
 * answered in time and accepted.
 */
export default class SuggestionsControlController {
  async index({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(SuggestionCasePolicy).authorize('viewControl')
    const ready = await tenantDb().rawQuery(`select to_regclass('rollup.suggestion_cases') is not null as ready`)
    let rows: any[] = []
    if (ready.rows[0].ready) {
      const result = await tenantDb().rawQuery(
        `select block,
            count(*)::int as received,
            count(*) filter (where status = 'open')::int as open,
            count(*) filter (where status = 'open' and deadline < ?)::int as overdue,
            count(*) filter (where answered_at is not null and answered_at <= deadline)::int as on_time,
            count(*) filter (where answered_at is not null)::int as answered,
            count(*) filter (where answer_kind in ('accepted', 'planned'))::int as accepted
          from rollup.suggestion_cases group by block order by overdue desc, open desc, block`,
        [clockDate()]
      )
      rows = result.rows
    }
    const names = new Map((await tenantRegistry.active()).map((tenant) => [tenant.slug, i18n.locale === 'en' ? tenant.nameEn : tenant.nameRu]))
    return view.render('pages/suggestions/control', { rows: rows.map((row) => ({ ...row, name: names.get(row.block) ?? row.block })) })
  }
}
