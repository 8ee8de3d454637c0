import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { assess, type Assessment } from '#modules/staffing/services/risk_rules'
import { loadFigures, ROLLUP_VIEWS, sumFigures, type UnitFigures } from '#modules/staffing/services/overview'
import { loadThresholds } from '#modules/staffing/services/thresholds'

export interface RegionUnit {
  name: string
  figures: ReturnType<typeof sumFigures>
  assessment: Assessment
}

/**
 * For the Department of Control: completeness by block and by department of
 * every block, and for the region, read only through the rollup views
 * (`rollup.staffing_positions`, `rollup.staffing_staff`,
 * `rollup.departments`) with the control tenant's thresholds.
 */
export async function regionOverview(locale: string, today = DateTime.now()) {
  const thresholds = await loadThresholds()
  const client = tenantDb()
  const [{ units, keyPosts }, departmentRows, tenants] = await Promise.all([
    loadFigures(client, ROLLUP_VIEWS, thresholds, today, null),
    client.rawQuery('select block, id, name_ru, name_en from rollup.departments'),
    tenantRegistry.all(),
  ])
  const departmentNames = new Map<string, string>(
    departmentRows.rows.map((row: any) => [`${row.block}:${row.id}`, locale === 'en' ? row.name_en : row.name_ru])
  )
  const blockNames = new Map(tenants.map((tenant) => [tenant.slug, tenant.name(locale)]))

  const byBlock = new Map<string, UnitFigures[]>()
  for (const unit of Object.values(units)) byBlock.set(unit.block!, [...(byBlock.get(unit.block!) ?? []), unit])

  const blocks = [...byBlock.entries()]
    .map(([slug, list]) => {
      const posts = list.flatMap((unit) => keyPosts[`${slug}:${unit.departmentId}`] ?? [])
      const figures = sumFigures(list)
      const departments: RegionUnit[] = list
        .map((unit) => {
          const own = sumFigures([unit])
          return {
            name: departmentNames.get(`${slug}:${unit.departmentId}`) ?? `#${unit.departmentId}`,
            figures: own,
            assessment: assess(own, keyPosts[`${slug}:${unit.departmentId}`] ?? [], thresholds, today),
          }
        })
        .sort((a, b) => a.name.localeCompare(b.name, locale))
      return { slug, name: blockNames.get(slug) ?? slug, figures, assessment: assess(figures, posts, thresholds, today), departments }
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale))

  const region = sumFigures(Object.values(units))
  const allPosts = Object.values(keyPosts).flat()
  return { today, blocks, region: { figures: region, assessment: assess(region, allPosts, thresholds, today) } }
}
