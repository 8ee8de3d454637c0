import { tenantDb } from '#tenancy/tenant_model'
import { typedValue } from '#modules/opendata/services/methodology'
import type { FieldType, StructureField } from '#modules/opendata/services/structure'
import { parseResourceId } from '#modules/opendata/services/ckan/catalogue'
import { boolean, integer, json, notFound, required, stringList, validation, type Params } from '#modules/opendata/services/ckan/errors'

/*
| CKAN's datastore_search over the rows of a version
| (`opendata_public_rows`, one jsonb object of normalized text per row).
| Only the current version's CSV resource is in the datastore
| (`datastore_active`). `_id` is the row number.
|
| Totals: the version's row count is known, so an unfiltered total is
| exact and free. A filtered one is counted up to a threshold
| (`total_estimation_threshold`, default 1 000 here, unlike CKAN's none:
| counting the matches is most of a filtered search on a large table)
| and past it PostgreSQL's planner estimate is given with
| `total_was_estimated: true`; `include_total: true` asks for an exact count,
| `include_total: false` for none.
*/

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 32000
export const DEFAULT_ESTIMATION_THRESHOLD = 1_000
/** Values one filter may list (each is a bound parameter). */
const MAX_FILTER_VALUES = 1000

/** The datastore's column types (CKAN's names) of the methodology's field types. */
const TYPES: Record<FieldType, string> = {
  string: 'text',
  integer: 'int',
  decimal: 'numeric',
  latitude: 'numeric',
  longitude: 'numeric',
  date: 'date',
  datetime: 'timestamp',
  boolean: 'bool',
  geojson: 'json',
}
const NUMERIC = new Set<FieldType>(['integer', 'decimal', 'latitude', 'longitude'])

/**
 * `q` as CKAN means it: a full-text search over the row's values
 * (PostgreSQL's Russian configuration, which also stems English words),
 * every word required and matched as a prefix (`17` finds `170`); text
 * without a letter or digit finds nothing. Indexed: the rows' words are
 * kept in `opendata_public_row_words` with a GIN index (migration 1850),
 * written by the rows job just after the rows; until the version's words
 * are indexed (`words_indexed_at`) they are read from the rows as the
 * search goes — the same matches, slower.
 */
function fullText(text: string, version: { id: number; words_indexed_at: Date | string | null }) {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  if (!words.length) return { sql: 'false', bindings: [] as (string | number)[] }
  const query = words.map((word) => `${word}:*`).join(' & ')
  if (!version.words_indexed_at) return { sql: `to_tsvector('russian', data) @@ to_tsquery('russian', ?)`, bindings: [query] as (string | number)[], query }
  return {
    sql: `row_number in (select w.row_number from opendata_public_row_words w where w.version_id = ? and w.search @@ to_tsquery('russian', ?))`,
    bindings: [version.id, query] as (string | number)[],
    query,
  }
}

/** The current, loaded version behind a CSV resource id, with its structure; otherwise CKAN's "Resource … was not found." */
async function datastoreResource(id: string) {
  const parsed = parseResourceId(id)
  const missing = () => notFound(`Resource "${id}" was not found.`)
  if (!parsed || parsed.format !== 'csv') throw missing()
  const dataset = await tenantDb().from('opendata_public_datasets').where('identifier', parsed.identifier).first()
  if (!dataset || dataset.current_version !== parsed.number) throw missing()
  const version = await tenantDb().from('opendata_public_versions').where({ dataset_id: dataset.id, number: parsed.number }).first()
  if (!version?.rows_loaded_at) throw missing()
  const structure = await tenantDb().from('opendata_public_structures').where({ dataset_id: dataset.id, number: version.structure_number }).first()
  return { version, fields: structure.fields as StructureField[] }
}

/** `field`, `field asc`, `"field" desc` → column and direction. */
function sortTerms(sort: string[] | undefined, known: Map<string, FieldType | 'id'>) {
  if ((sort?.length ?? 0) > known.size) throw validation({ sort: ['more sort terms than fields'] })
  return (sort ?? []).map((term) => {
    const match = term.trim().match(/^"?([^"\s]+)"?(?:\s+(asc|desc))?$/i)
    if (!match || !known.has(match[1])) throw validation({ sort: [`field "${match?.[1] ?? term}" not in table`] })
    return { name: match[1], direction: (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' }
  })
}

/** A SQL expression for a field (typed for numbers so that filters and sorting compare numbers). */
function column(name: string, type: FieldType | 'id') {
  if (type === 'id') return { sql: 'row_number', bindings: [] as (string | number)[] }
  if (NUMERIC.has(type)) return { sql: `nullif(data->>?, '')::numeric`, bindings: [name] }
  return { sql: 'data->>?', bindings: [name] }
}

export async function datastoreSearch(params: Params, linkBase: string) {
  const resourceId = required(params.resource_id === undefined && params.id !== undefined ? { ...params, resource_id: params.id } : params, 'resource_id')
  const limit = integer(params, 'limit', DEFAULT_LIMIT, MAX_LIMIT)
  const offset = integer(params, 'offset', 0)
  const recordsFormat = String(params.records_format ?? 'objects')
  if (!['objects', 'lists'].includes(recordsFormat)) throw validation({ records_format: ['Value must be one of: objects; lists'] })
  const filters = json(params, 'filters')
  if (filters !== undefined && (typeof filters !== 'object' || filters === null || Array.isArray(filters))) throw validation({ filters: ['Not a JSON object'] })
  // q: text, or an object field → text (JSON text in a query string; text that only looks like JSON stays text)
  let qParam: unknown = params.q
  if (typeof qParam === 'string' && qParam.trim().startsWith('{')) {
    try {
      qParam = JSON.parse(qParam)
    } catch {}
  }
  const fieldsParam = stringList(params, 'fields')
  const sortParam = stringList(params, 'sort')
  const includeTotal = boolean(params, 'include_total')
  const threshold = params.total_estimation_threshold === undefined ? (includeTotal ? null : DEFAULT_ESTIMATION_THRESHOLD) : integer(params, 'total_estimation_threshold', DEFAULT_ESTIMATION_THRESHOLD)

  const { version, fields } = await datastoreResource(resourceId)
  const known = new Map<string, FieldType | 'id'>([['_id', 'id'], ...fields.map((field) => [field.name, field.type] as [string, FieldType])])

  const selected = fieldsParam ?? [...known.keys()]
  const unknownField = selected.find((name) => !known.has(name))
  if (unknownField) throw validation({ fields: [`field "${unknownField}" not in table`] })

  // where: the version, the filters (a value or a list of values per field), the text
  const where: { sql: string; bindings: (string | number)[] }[] = [{ sql: 'version_id = ?', bindings: [version.id] }]
  for (const [name, wanted] of Object.entries((filters ?? {}) as Record<string, unknown>)) {
    const type = known.get(name)
    if (!type) throw validation({ filters: [`field "${name}" not in table`] })
    if (Array.isArray(wanted) && wanted.length > MAX_FILTER_VALUES) throw validation({ filters: [`at most ${MAX_FILTER_VALUES} values for "${name}"`] })
    const values = (Array.isArray(wanted) ? wanted : [wanted]).map((value) => (value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)))
    if (!values.length) {
      where.push({ sql: 'false', bindings: [] })
      continue
    }
    const expression = column(name, type)
    if (type === 'id' || NUMERIC.has(type as FieldType)) {
      if (values.some((value) => !/^[+-]?\d+(\.\d+)?$/.test(value.trim()))) throw validation({ filters: [`invalid value for the number field "${name}"`] })
      where.push({ sql: `${expression.sql} in (${values.map(() => '?::numeric').join(', ')})`, bindings: [...expression.bindings, ...values.map((value) => value.trim())] })
    } else {
      // containment, so the GIN (jsonb_path_ops) index answers it; every row has every field, so "" is an empty cell
      where.push({ sql: values.map(() => 'data @> ?::jsonb').join(' or '), bindings: values.map((value) => JSON.stringify({ [name]: value })) })
    }
  }
  if (typeof qParam === 'string' && qParam.trim()) {
    where.push(fullText(qParam, version))
  } else if (qParam && typeof qParam === 'object') {
    for (const [name, text] of Object.entries(qParam as Record<string, unknown>)) {
      const type = known.get(name)
      if (!type || type === 'id') throw validation({ q: [`field "${name}" not in table`] })
      // the row's index narrows, the field's own words decide
      const row = fullText(String(text), version)
      where.push(row)
      if (row.query) where.push({ sql: `to_tsvector('russian', data->>?) @@ to_tsquery('russian', ?)`, bindings: [name, row.query] })
    }
  }
  const whereSql = where.map((part) => `(${part.sql})`).join(' and ')
  const whereBindings = where.flatMap((part) => part.bindings)

  const order = sortTerms(sortParam, known)
  const orderParts = order.map((term) => {
    const expression = column(term.name, known.get(term.name)!)
    return { sql: `${expression.sql} ${term.direction} nulls last`, bindings: expression.bindings }
  })
  if (!order.some((term) => term.name === '_id')) orderParts.push({ sql: 'row_number asc', bindings: [] })
  const rows = (
    await tenantDb().rawQuery(
      `select row_number, data from opendata_public_rows where ${whereSql} order by ${orderParts.map((part) => part.sql).join(', ')} limit ? offset ?`,
      [...whereBindings, ...orderParts.flatMap((part) => part.bindings), limit, offset]
    )
  ).rows as { row_number: number; data: Record<string, string> }[]

  const typeOf = new Map(fields.map((field) => [field.name, field.type]))
  const value = (row: { row_number: number; data: Record<string, string> }, name: string) => (name === '_id' ? row.row_number : typedValue(typeOf.get(name)!, row.data[name]))
  const records = rows.map((row) => (recordsFormat === 'lists' ? selected.map((name) => value(row, name)) : Object.fromEntries(selected.map((name) => [name, value(row, name)]))))

  const result: Record<string, unknown> = {
    include_total: includeTotal !== false,
    resource_id: resourceId,
    fields: selected.map((name) => ({ id: name, type: name === '_id' ? 'int' : TYPES[typeOf.get(name)!], ...(name === '_id' ? {} : { info: { label: fields.find((field) => field.name === name)!.descriptionRu, notes: fields.find((field) => field.name === name)!.descriptionEn } }) })),
    records_format: recordsFormat,
    records,
    limit,
    offset,
  }
  if (includeTotal !== false) {
    const filtered = where.length > 1
    if (!filtered) {
      result.total = Number(version.row_count)
      result.total_was_estimated = false
    } else if (threshold === null) {
      result.total = Number((await tenantDb().rawQuery(`select count(*) as total from opendata_public_rows where ${whereSql}`, whereBindings)).rows[0].total)
      result.total_was_estimated = false
    } else {
      const capped = Number((await tenantDb().rawQuery(`select count(*) as total from (select 1 from opendata_public_rows where ${whereSql} limit ?) as capped`, [...whereBindings, threshold + 1])).rows[0].total)
      if (capped <= threshold) {
        result.total = capped
        result.total_was_estimated = false
      } else {
        const plan = (await tenantDb().rawQuery(`explain (format json) select 1 from opendata_public_rows where ${whereSql}`, whereBindings)).rows[0]['QUERY PLAN']
        result.total = Math.max(Math.round(Number(plan[0]?.Plan?.['Plan Rows'] ?? 0)), capped)
        result.total_was_estimated = true
      }
    }
  }
  result._links = links(params, linkBase, limit, offset)
  return result
}

/** CKAN's `_links`: the same search from its start and its next page, as GET URLs (JSON-encoded where the value is not text). */
function links(params: Params, base: string, limit: number, offset: number) {
  const query = (changes: Record<string, unknown>) => {
    const search = new URLSearchParams()
    for (const [key, raw] of Object.entries({ ...params, ...changes })) {
      if (raw === undefined || raw === null) continue
      search.set(key, typeof raw === 'object' ? JSON.stringify(raw) : String(raw))
    }
    const text = search.toString()
    return `${base}${text ? `?${text}` : ''}`
  }
  const result: Record<string, string> = { start: query({ offset: undefined }), next: query({ offset: offset + limit }) }
  if (offset - limit > 0) result.prev = query({ offset: offset - limit })
  return result
}
