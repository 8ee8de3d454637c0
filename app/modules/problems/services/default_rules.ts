import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import type { RegionCatalog } from '#tenants/catalog'

/** Theme → block and department of the demo region that answers it by default. */
const DEFAULTS: Record<string, [string, string]> = {
  roads: ['construction', 'transport'],
  transport: ['construction', 'transport'],
  lighting: ['construction', 'housing'],
  yards: ['construction', 'housing'],
  water: ['construction', 'housing'],
  heating: ['construction', 'housing'],
  waste: ['agro', 'nature'],
  parks: ['agro', 'nature'],
  playgrounds: ['resorts', 'sport'],
  accessibility: ['social', 'social-support'],
}

/**
 * Gives every theme without a default rule the catalog's usual department,
 * when the catalog has it. Admins' own rules are never touched.
 */
export async function seedDefaultRoutingRules(catalog: RegionCatalog) {
  for (const theme of await ProblemTheme.all()) {
    const target = DEFAULTS[theme.code]
    if (!target) continue
    const department = catalog.tenants.find((tenant) => tenant.slug === target[0] && tenant.kind === 'block')?.departments.find((entry) => entry.code === target[1])
    if (!department) continue
    if (await RoutingRule.query().where('theme_id', theme.id).whereNull('municipality_id').first()) continue
    await RoutingRule.create({ themeId: theme.id, municipalityId: null, targetTenant: target[0], targetDepartmentCode: department.code, targetDepartmentName: department.name_ru })
  }
}
