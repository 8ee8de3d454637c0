import { tenantDb } from '#tenancy/tenant_model'
import { readCell, type StructureField } from '#modules/opendata/services/structure'
import { fieldExpression, NUMERIC_TYPES, queryText, type ViewProblem } from '#modules/opendata/services/views/source'

/*
| The table view: a version's rows (`opendata_public_rows`), sorted by one
| column and filtered by column, read by keyset — the rows after the last
| one shown in the page's order (its sort value and row number) — so page
| 100 costs what page 1 does and nothing counts the whole version.
*/

export const TABLE_PAGE_SIZE = 25

/** A GeoJSON cell is neither sorted nor filtered (a whole geometry as text says nothing). */
export function tableFields(fields: StructureField[]) {
  return fields.filter((field) => field.type !== 'geojson')
}

export interface TableQuery {
  sort: string | null
  direction: 'asc' | 'desc'
  /** The text a person typed per field (shown back in the form). */
  filters: Record<string, string>
  /** The normalized values compared (a date typed as ДД.ММ.ГГГГ becomes YYYY-MM-DD). */
  normalized: Record<string, string>
  after: { value: string | null; row: number } | null
}

/** The cursor of a page's last row: its sort value and its row number, as base64url JSON. */
export function encodeCursor(value: string | null, row: number) {
  return Buffer.from(JSON.stringify([value, row])).toString('base64url')
}

function decodeCursor(text: unknown): TableQuery['after'] | undefined {
  if (typeof text !== 'string' || !text) return null
  try {
    const [value, row] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if ((value === null || typeof value === 'string') && Number.isSafeInteger(row) && row >= 0) return { value, row }
  } catch {}
  return undefined
}

/**
 * Reads `sort`, `dir`, `filter[<field>]` and `after` from a query string;
 * unknown fields, values that are not of the field's type and a broken
 * cursor are problems (422), in the person's language.
 */
export function parseTableQuery(qs: Record<string, any>, fields: StructureField[], t: (key: string, data?: Record<string, unknown>) => string, locale: string) {
  const problems: ViewProblem[] = []
  const usable = tableFields(fields)
  const byName = new Map(usable.map((field) => [field.name, field]))
  const label = (field: StructureField) => (locale === 'en' ? field.descriptionEn : field.descriptionRu) || field.name
  let sort: string | null = null
  if (qs.sort !== undefined && qs.sort !== '') {
    if (typeof qs.sort === 'string' && byName.has(qs.sort)) sort = qs.sort
    else problems.push({ field: 'sort', rule: 'opendata_field', message: t('opendata_views.errors.unknown_field', { field: String(qs.sort) }) })
  }
  let direction: 'asc' | 'desc' = 'asc'
  if (qs.dir !== undefined && qs.dir !== '') {
    if (qs.dir === 'asc' || qs.dir === 'desc') direction = qs.dir
    else problems.push({ field: 'dir', rule: 'in', message: t('opendata_views.errors.direction') })
  }
  const filters: Record<string, string> = {}
  const normalized: Record<string, string> = {}
  const given = qs.filter ?? {}
  if (typeof given !== 'object' || Array.isArray(given)) {
    problems.push({ field: 'filter', rule: 'object', message: t('opendata_views.errors.filter') })
  } else {
    for (const [name, raw] of Object.entries(given as Record<string, unknown>)) {
      const field = byName.get(name)
      if (!field) {
        problems.push({ field: `filter.${name}`, rule: 'opendata_field', message: t('opendata_views.errors.unknown_field', { field: name }) })
        continue
      }
      const rawText = queryText(raw)
      if (rawText === null) {
        problems.push({ field: `filter.${name}`, rule: 'string', message: t('opendata_views.errors.filter') })
        continue
      }
      const text = rawText.trim().slice(0, 200)
      if (!text) continue
      filters[name] = text
      const reading = readCell(field.type, text)
      if (!reading.ok) problems.push({ field: `filter.${name}`, rule: 'opendata_cell', message: `${label(field)}: ${t(`opendata.cell.${field.type}`)}` })
      else normalized[name] = reading.value
    }
  }
  const after = decodeCursor(qs.after)
  if (after === undefined) problems.push({ field: 'after', rule: 'cursor', message: t('opendata_views.errors.cursor') })
  return { query: { sort, direction, filters, normalized, after: after ?? null } as TableQuery, problems }
}

function escapeLike(text: string) {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** The filters of a query as SQL: a typed field equals the value (numbers as numbers), a text field contains it (any case). */
function filterSql(query: TableQuery, fields: StructureField[]) {
  const parts: { sql: string; bindings: (string | number)[] }[] = []
  for (const [name, value] of Object.entries(query.normalized)) {
    const field = fields.find((candidate) => candidate.name === name)!
    if (field.type === 'string') parts.push({ sql: `data->>? ilike ?`, bindings: [name, escapeLike(value)] })
    else if (NUMERIC_TYPES.has(field.type)) parts.push({ sql: `nullif(data->>?, '')::numeric = ?::numeric`, bindings: [name, value] })
    else parts.push({ sql: `data->>? = ?`, bindings: [name, value] })
  }
  return parts
}

/**
 * A page of rows: `limit` rows after the cursor in the query's order (the
 * sort field, empty cells last, then the row number), and the cursor of
 * the next page when there is one.
 */
export async function tablePage(versionId: number, fields: StructureField[], query: TableQuery, limit = TABLE_PAGE_SIZE) {
  const where: { sql: string; bindings: (string | number)[] }[] = [{ sql: 'version_id = ?', bindings: [versionId] }, ...filterSql(query, fields)]
  const sortField = query.sort ? fields.find((field) => field.name === query.sort)! : null
  let order = 'row_number asc'
  let orderBindings: (string | number)[] = []
  let select = 'null as sort_value'
  let selectBindings: (string | number)[] = []
  if (sortField) {
    const expression = fieldExpression(sortField)
    const cast = NUMERIC_TYPES.has(sortField.type) ? '::numeric' : ''
    const comparison = query.direction === 'asc' ? '>' : '<'
    order = `${expression.sql} ${query.direction} nulls last, row_number asc`
    orderBindings = expression.bindings
    // the cursor's value as the page showed it (text, so a decimal is not rounded on its way back)
    select = `(${expression.sql})::text as sort_value`
    selectBindings = expression.bindings
    if (query.after) {
      const { value, row } = query.after
      if (value === null) {
        // past the last valued row: only empty cells remain, by row number
        where.push({ sql: `${expression.sql} is null and row_number > ?`, bindings: [...expression.bindings, row] })
      } else {
        where.push({
          sql: `(${expression.sql} ${comparison} ?${cast} or (${expression.sql} = ?${cast} and row_number > ?) or ${expression.sql} is null)`,
          bindings: [...expression.bindings, value, ...expression.bindings, value, row, ...expression.bindings],
        })
      }
    }
  } else if (query.after) {
    where.push({ sql: 'row_number > ?', bindings: [query.after.row] })
  }
  const result = await tenantDb().rawQuery(
    `select row_number, data, ${select} from opendata_public_rows where ${where.map((part) => `(${part.sql})`).join(' and ')} order by ${order} limit ?`,
    [...selectBindings, ...where.flatMap((part) => part.bindings), ...orderBindings, limit + 1]
  )
  const rows = result.rows as { row_number: number; data: Record<string, string>; sort_value: string | null }[]
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { rows: page.map((row) => ({ number: Number(row.row_number), data: row.data })), next: more && last ? encodeCursor(last.sort_value, Number(last.row_number)) : null }
}

/**
 * How many rows match the filters: the version's row count when nothing
 * filters; otherwise counted up to a cap (a filter over a million rows
 * says "more than 10 000" rather than scanning them all).
 */
export async function tableCount(versionId: number, rowCount: number, fields: StructureField[], query: TableQuery, cap = 10_000) {
  const filters = filterSql(query, fields)
  if (!filters.length) return { count: rowCount, capped: false }
  const where = [{ sql: 'version_id = ?', bindings: [versionId] as (string | number)[] }, ...filters]
  const result = await tenantDb().rawQuery(`select count(*) as total from (select 1 from opendata_public_rows where ${where.map((part) => `(${part.sql})`).join(' and ')} limit ?) as capped`, [
    ...where.flatMap((part) => part.bindings),
    cap + 1,
  ])
  const count = Number(result.rows[0].total)
  return count > cap ? { count: cap, capped: true } : { count, capped: false }
}
