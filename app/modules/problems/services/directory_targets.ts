import { errors as vineErrors } from '@vinejs/vine'
import { slugFromCode } from '#tenancy/naming'
import KnownBody from '#modules/identity/models/known_body'
import Municipality from '#modules/identity/models/municipality'
import KnownDepartment from '#modules/identity/models/known_department'
import type RoutingRule from '#modules/problems/models/routing_rule'
import type { RoutingTarget } from '#modules/problems/services/routing'

/**
 * Routing targets as the portal knows them: only from its own directory
 * (known_bodies, known_departments), which the bodies publish over the bus.
 */

export interface TargetOption {
  value: string
  label: string
  disabled: boolean
}

export interface TargetGroup {
  /** 'block' or 'municipality': blocks first, then municipalities. */
  kind: 'block' | 'municipality'
  label: string
  options: TargetOption[]
}

/** The value a target select sends: `<body slug>/<department code>`. */
export function targetValue(slug: string, code: string) {
  return `${slug}/${code}`
}

/**
 * One option group per body (blocks, then municipalities, by name), its
 * active departments as options; a department nobody works in is shown but
 * cannot be chosen.
 */
export async function targetGroups(t: (key: string, data?: Record<string, unknown>) => string, locale: string): Promise<TargetGroup[]> {
  const bodies = await KnownBody.query()
    .preload('departments', (query) => query.where('is_active', true).orderBy(locale === 'en' ? 'name_en' : 'name_ru'))
    .orderByRaw(`kind = 'municipality'`)
    .orderBy(locale === 'en' ? 'name_en' : 'name_ru')
  return bodies
    .filter((body) => body.departments.length)
    .map((body) => ({
      kind: body.kind,
      label: `${t(body.kind === 'block' ? 'problems.routing.group_blocks' : 'problems.routing.group_municipalities')}: ${body.name(locale)}`,
      options: body.departments.map((department) => ({
        value: targetValue(body.slug, department.code),
        label: department.staffed ? department.name(locale) : `${department.name(locale)} (${t('problems.routing.unstaffed')})`,
        disabled: !department.staffed,
      })),
    }))
}

/**
 * The routing target a select's value names (the validator has checked it
 * is a known, active, staffed department). A municipal department's public
 * name carries its administration's, since every municipality has a "housing".
 *
 * A block answers anywhere; a municipality's administration only for its
 * own territory (its tenant's slug is the municipality's catalog code with
 * "-" as "_"), so a rule naming one needs that municipality, and so does a
 * problem routed to one by hand. Otherwise a per-field validation error
 * (422) with `foreignMessage`.
 */
export async function resolveTarget(value: string, municipalityId: number | null, foreignMessage: string): Promise<RoutingTarget> {
  const [slug, code] = value.split('/')
  const department = await KnownDepartment.query().where('body_slug', slug).where('code', code).firstOrFail()
  const body = await KnownBody.findOrFail(slug)
  if (body.kind === 'municipality') {
    const municipality = municipalityId ? await Municipality.find(municipalityId) : null
    if (!municipality || slugFromCode(municipality.code) !== body.slug) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'target', message: foreignMessage, rule: 'directory.foreign_municipality' }])
    }
  }
  const departmentName = body.kind === 'municipality' ? `${department.nameRu} (${body.nameRu})` : department.nameRu
  return { tenant: slug, departmentCode: code, departmentName, rule: null }
}

export type TargetState = 'ok' | 'unstaffed' | 'inactive' | 'unknown'

/** What the directory says of each rule's target: fine, nobody works there, deactivated, or not published. */
export async function ruleTargetStates(rules: RoutingRule[]) {
  const slugs = [...new Set(rules.map((rule) => rule.targetTenant))]
  const departments = slugs.length ? await KnownDepartment.query().whereIn('body_slug', slugs) : []
  const byKey = new Map(departments.map((department) => [targetValue(department.bodySlug, department.code), department]))
  const states = new Map<number, TargetState>()
  for (const rule of rules) {
    const found = byKey.get(targetValue(rule.targetTenant, rule.targetDepartmentCode))
    states.set(rule.id, !found ? 'unknown' : !found.isActive ? 'inactive' : !found.staffed ? 'unstaffed' : 'ok')
  }
  return states
}
