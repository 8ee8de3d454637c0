import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import Municipality from '#modules/identity/models/municipality'
import type { RegionCatalog } from '#tenants/catalog'

/**
 * Regional themes → the block and department of the demo region that
 * answers them everywhere (the theme's default rule). Local themes get the
 * same kind of default as a fallback for a municipality without a tenant.
 */
const REGIONAL_DEFAULTS: Record<string, [string, string]> = {
  roads: ['construction', 'transport'],
  regional_roads: ['construction', 'transport'],
  transport: ['construction', 'transport'],
  intercity_transport: ['construction', 'transport'],
  lighting: ['construction', 'housing'],
  yards: ['construction', 'housing'],
  water: ['construction', 'housing'],
  heating: ['construction', 'housing'],
  waste: ['agro', 'nature'],
  parks: ['agro', 'nature'],
  playgrounds: ['resorts', 'sport'],
  accessibility: ['social', 'social-support'],
  healthcare: ['social', 'health'],
}

/**
 * Local themes → the department of the municipality's own administration
 * (every municipality tenant of the catalog has these departments).
 */
const LOCAL_DEFAULTS: Record<string, string> = {
  yards: 'housing',
  lighting: 'housing',
  waste: 'housing',
  roads: 'roads',
  playgrounds: 'housing',
  parks: 'housing',
}

/**
 * Seeds the demo routing in the portal: a default rule per regional theme
 * to a block, and for every municipality that has a tenant in the catalog,
 * a rule per local theme to its own administration. Only missing rules are
 * added: admins' rules (and their deletions of a theme's default) are
 * never overwritten.
 */
export async function seedDefaultRoutingRules(catalog: RegionCatalog) {
  const themes = await ProblemTheme.all()
  for (const theme of themes) {
    const target = REGIONAL_DEFAULTS[theme.code]
    if (!target) continue
    const department = catalog.tenants.find((tenant) => tenant.slug === target[0] && tenant.kind === 'block')?.departments.find((entry) => entry.code === target[1])
    if (!department) continue
    if (await RoutingRule.query().where('theme_id', theme.id).whereNull('municipality_id').first()) continue
    await RoutingRule.create({ themeId: theme.id, municipalityId: null, targetTenant: target[0], targetDepartmentCode: department.code, targetDepartmentName: department.name_ru })
  }

  const municipalities = new Map((await Municipality.all()).map((municipality) => [municipality.code, municipality]))
  const existing = new Set(
    (await RoutingRule.query().whereNotNull('municipality_id')).map((rule) => `${rule.themeId}:${rule.municipalityId}`)
  )
  const fresh: Partial<RoutingRule>[] = []
  for (const body of catalog.tenants) {
    if (body.kind !== 'municipality' || !body.municipality) continue
    const municipality = municipalities.get(body.municipality)
    if (!municipality) continue
    for (const theme of themes) {
      const department = body.departments.find((entry) => entry.code === LOCAL_DEFAULTS[theme.code])
      if (!department || existing.has(`${theme.id}:${municipality.id}`)) continue
      fresh.push({
        themeId: theme.id,
        municipalityId: municipality.id,
        targetTenant: body.slug,
        targetDepartmentCode: department.code,
        targetDepartmentName: `${department.name_ru} (${body.name_ru})`,
      })
    }
  }
  if (fresh.length) await RoutingRule.createMany(fresh)
}
