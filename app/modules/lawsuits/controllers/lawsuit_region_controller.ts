import type { HttpContext } from '@adonisjs/core/http'
import { tenantRegistry } from '#tenancy/tenant_registry'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { regionFigures } from '#modules/lawsuits/services/region_figures'
import { formatRubles } from '#modules/lawsuits/exports/cases_export'

/**
 * The region's lawsuits for the Department of Control (control tenant
 * only): per block, from the rollup; read-only.
 */
export default class LawsuitRegionController {
  async index({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('viewRegion')
    const [figures, tenants] = await Promise.all([regionFigures(), tenantRegistry.all()])
    const names = new Map(tenants.map((tenant) => [tenant.slug, tenant.name(i18n.locale)]))
    const rows = (figures?.blocks ?? []).map((row) => ({ ...row, name: names.get(row.block) ?? row.block }))
    const total = rows.reduce(
      (sum, row) => ({ open: sum.open + row.open, atRisk: sum.atRisk + row.atRisk, hearingsThisWeek: sum.hearingsThisWeek + row.hearingsThisWeek }),
      { open: 0, atRisk: 0, hearingsThisWeek: 0 }
    )
    return view.render('pages/lawsuits/region', {
      rows,
      total,
      available: figures !== null,
      refreshedAt: figures?.refreshedAt ?? null,
      money: (value: number) => formatRubles(value, i18n.locale),
    })
  }
}
