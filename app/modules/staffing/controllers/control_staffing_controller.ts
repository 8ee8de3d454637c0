import type { HttpContext } from '@adonisjs/core/http'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import { regionOverview } from '#modules/staffing/services/region_overview'
import { reasonText } from '#modules/staffing/exports/staffing_export'

/**
 * The Department of Control's read-only view of staffing completeness in
 * every block, by department, through the rollup.
 */
export default class ControlStaffingController {
  async region({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(StaffingPolicy).authorize('viewRegion')
    const overview = await regionOverview(i18n.locale)
    return view.render('pages/staffing/region', { overview, reason: (item: any) => reasonText(item, i18n) })
  }
}
