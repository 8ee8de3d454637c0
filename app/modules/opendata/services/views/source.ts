import { errors as vineErrors } from '@vinejs/vine'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import { loadRowsSoon } from '#modules/opendata/services/rows'
import { publicStructures, publicVersions, type PublicVersionRow } from '#modules/opendata/services/methodology'
import type { FieldType, StructureField } from '#modules/opendata/services/structure'

/** A per-field problem of a view's query string (answered 422). */
export interface ViewProblem {
  field: string
  rule: string
  message: string
}

/**
 * A query-string value as text: the app's query parser splits a value at
 * commas into a list (`3,5` → ['3', '5']), which is joined back here.
 */
export function queryText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value.join(',')
  return null
}

export function invalid(problems: ViewProblem[]) {
  return new vineErrors.E_VALIDATION_ERROR(problems)
}

/** Field types compared and sorted as numbers. */
export const NUMERIC_TYPES = new Set<FieldType>(['integer', 'decimal', 'latitude', 'longitude'])

/**
 * A jsonb field as a SQL expression: a number for numeric types (so that
 * 10 sorts after 9), the normalized text otherwise (dates are YYYY-MM-DD
 * and date-times ISO 8601, which sort as text in time order).
 */
export function fieldExpression(field: StructureField) {
  return NUMERIC_TYPES.has(field.type) ? { sql: `nullif(data->>?, '')::numeric`, bindings: [field.name] } : { sql: `data->>?`, bindings: [field.name] }
}

export interface ViewSource {
  dataset: any
  publisher: any
  versions: PublicVersionRow[]
  version: PublicVersionRow
  fields: StructureField[]
}

/**
 * What a view shows: a dataset of the portal and one of its versions (the
 * latest, or `?version=N`) whose rows are loaded, with its structure. 404
 * for an unknown dataset or version; 503 with Retry-After while the rows
 * are still loading (and the job is asked for again, as the data files do).
 */
export async function viewSource(tenantSlug: string, identifier: string, versionParam: unknown, t: (key: string) => string): Promise<ViewSource> {
  const dataset = await tenantDb().from('opendata_public_datasets').where('identifier', identifier).first()
  if (!dataset) throw new errors.E_NOT_FOUND(`No open dataset ${identifier}`)
  let number: number | undefined
  if (versionParam !== undefined && versionParam !== '') {
    const text = queryText(versionParam)
    if (text === null || !/^\d{1,9}$/.test(text)) throw invalid([{ field: 'version', rule: 'number', message: t('opendata_views.errors.version') }])
    number = Number(text)
  }
  const [versions, structures, publisher] = await Promise.all([
    publicVersions(dataset.id),
    publicStructures(dataset.id),
    tenantDb().from('opendata_public_publishers').where('id', dataset.publisher_id).first(),
  ])
  const version = number === undefined ? versions[0] : versions.find((candidate) => candidate.number === number)
  if (!version) throw new errors.E_NOT_FOUND(`No version ${number ?? ''} of ${identifier}`)
  if (!version.rows_loaded_at) {
    await loadRowsSoon(tenantSlug, version.id).catch(() => {})
    throw new errors.E_SERVICE_UNAVAILABLE(`The rows of ${identifier} version ${version.number} are being loaded`)
  }
  const structure = structures.find((candidate) => candidate.number === version.structure_number)!
  return { dataset, publisher, versions, version, fields: structure.fields }
}
