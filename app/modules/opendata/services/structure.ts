/**
 * The structure of a dataset (methodology 3.0, `structure-<date>.csv`): its
 * fields in order, each with a latin name, English and Russian descriptions
 * and a type; and the rules by which a cell is read as its type. A cell is
 * stored normalized (a decimal with a point, a date as YYYY-MM-DD, a boolean
 * as true/false); an empty cell is allowed in any column.
 */
export const FIELD_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'latitude', 'longitude', 'geojson'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface StructureField {
  name: string
  descriptionRu: string
  descriptionEn: string
  type: FieldType
  /** Marked as personal data: a dataset with such a column is never published. */
  personal?: boolean
  /** The row's key: non-empty and unique in every version, it matches rows across versions (the diff). */
  key?: boolean
}

/** A field name as the methodology wants it: a latin letter first, then latin letters, digits, `_`. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}

/** A header turned into a field name (`Широта точки` → `shirota_tochki`); `field<N>` when nothing is left. */
export function fieldNameOf(header: string, index: number) {
  const latin = [...header.toLowerCase()].map((char) => TRANSLIT[char] ?? char).join('')
  const name = latin.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60)
  return /^[a-z]/.test(name) ? name : `field${index + 1}${name ? `_${name}` : ''}`.slice(0, 60)
}

const INTEGER = /^[+-]?\d{1,18}$/
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const RU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/
const RU_DATETIME = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/
const TRUE = new Set(['true', 'да', 'yes', '1'])
const FALSE = new Set(['false', 'нет', 'no', '0'])
const GEOMETRIES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'])

function validDay(year: number, month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function pad(value: number | string, length = 2) {
  return String(value).padStart(length, '0')
}

/** Why a cell is not of its type (a key of `opendata.cell.*`), or its normalized text. */
export type CellReading = { ok: true; value: string } | { ok: false; problem: FieldType }

export function readCell(type: FieldType, raw: string): CellReading {
  const text = raw.trim()
  if (text === '') return { ok: true, value: '' }
  const bad = { ok: false as const, problem: type }
  switch (type) {
    case 'string':
      return { ok: true, value: text }
    case 'integer':
      return INTEGER.test(text) ? { ok: true, value: String(BigInt(text)) } : bad
    case 'decimal':
    case 'latitude':
    case 'longitude': {
      if (!DECIMAL.test(text)) return bad
      const value = text.replace(',', '.').replace(/^\+/, '')
      const number = Number(value)
      if (type === 'latitude' && Math.abs(number) > 90) return bad
      if (type === 'longitude' && Math.abs(number) > 180) return bad
      return { ok: true, value }
    }
    case 'date': {
      const iso = text.match(ISO_DATE)
      const ru = text.match(RU_DATE)
      const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : ru ? [ru[3], ru[2], ru[1]] : []
      if (!year || !validDay(Number(year), Number(month), Number(day))) return bad
      return { ok: true, value: `${year}-${month}-${day}` }
    }
    case 'datetime': {
      const iso = text.match(ISO_DATETIME)
      const ru = text.match(RU_DATETIME)
      if (iso) {
        if (!validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) || Number(iso[4]) > 23 || Number(iso[5]) > 59) return bad
        return { ok: true, value: `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${pad(iso[6] ?? 0)}${iso[7] ?? ''}` }
      }
      if (ru) {
        if (!validDay(Number(ru[3]), Number(ru[2]), Number(ru[1])) || Number(ru[4]) > 23 || Number(ru[5]) > 59) return bad
        return { ok: true, value: `${ru[3]}-${ru[2]}-${ru[1]}T${ru[4]}:${ru[5]}:${pad(ru[6] ?? 0)}` }
      }
      return bad
    }
    case 'boolean': {
      const lower = text.toLowerCase()
      if (TRUE.has(lower)) return { ok: true, value: 'true' }
      if (FALSE.has(lower)) return { ok: true, value: 'false' }
      return bad
    }
    case 'geojson': {
      try {
        const geometry = JSON.parse(text)
        if (!geometry || typeof geometry !== 'object' || !GEOMETRIES.has(geometry.type)) return bad
        if (geometry.type === 'GeometryCollection' ? !Array.isArray(geometry.geometries) : !Array.isArray(geometry.coordinates)) return bad
        return { ok: true, value: JSON.stringify(geometry) }
      } catch {
        return bad
      }
    }
  }
}

/** The candidates a column's values are tried against, most specific first. */
const INFERENCE_ORDER: FieldType[] = ['integer', 'decimal', 'date', 'datetime', 'boolean', 'geojson']

const LEADING_ZERO = /^[+-]?0\d/

const LATITUDE_HEADER = /^(lat|latitude|широта)/i
const LONGITUDE_HEADER = /^(lon|lng|long|longitude|долгота)/i

/**
 * Infers a structure from the header and the data rows: each column's type
 * is the first of integer, decimal, date, datetime, boolean, GeoJSON that
 * every non-empty value reads as, else string; a decimal column headed as
 * latitude or longitude is one. A column of only `0`/`1` stays an integer.
 */
export function inferStructure(headers: string[], rows: string[][]): StructureField[] {
  const used = new Set<string>()
  return headers.map((header, index) => {
    const values = rows.map((row) => row[index] ?? '').filter((value) => value.trim() !== '')
    // codes with leading zeros (OKTMO, INN, postcodes) are text: a number would lose the zeros
    const codes = values.some((value) => LEADING_ZERO.test(value.trim()))
    const candidates = codes ? INFERENCE_ORDER.filter((candidate) => candidate !== 'integer' && candidate !== 'decimal' && candidate !== 'boolean') : INFERENCE_ORDER
    let type: FieldType = values.length ? (candidates.find((candidate) => values.every((value) => readCell(candidate, value).ok)) ?? 'string') : 'string'
    if (type === 'integer' || type === 'decimal') {
      if (LATITUDE_HEADER.test(header.trim()) && values.every((value) => readCell('latitude', value).ok)) type = 'latitude'
      else if (LONGITUDE_HEADER.test(header.trim()) && values.every((value) => readCell('longitude', value).ok)) type = 'longitude'
    }
    let name = fieldNameOf(header, index)
    for (let suffix = 2; used.has(name); suffix++) name = `${fieldNameOf(header, index)}_${suffix}`
    used.add(name)
    // a first column whose every value is filled and distinct is taken for the key (editable on the form)
    const key = index === 0 && rows.length > 0 && values.length === rows.length && new Set(values.map((value) => value.trim())).size === values.length
    return { name, descriptionRu: header.trim() || name, descriptionEn: name.replace(/_/g, ' '), type, personal: false, key }
  })
}

/**
 * 422 problems of the key: at most one field is the key, and its values in
 * the normalized rows are filled and unique (else rows could not be
 * matched across versions).
 */
export function keyProblems(fields: StructureField[], rows: Iterable<string[]>, t: (key: string, data?: Record<string, unknown>) => string) {
  const checker = keyChecker(fields, t)
  if (checker.problems.length) return checker.problems
  for (const row of rows) {
    const problem = checker.next(row)
    if (problem) return [problem]
  }
  return []
}

type KeyProblem = { field: string; rule: string; message: string }

/**
 * The key rule row by row, for a publication that streams its rows: the
 * structure's problems at once (more than one key), then each row's
 * (empty or repeated key value; rows counted from 1 among the data rows).
 * Remembers every key value seen: memory grows with the rows of a keyed
 * dataset only.
 */
export function keyChecker(fields: StructureField[], t: (key: string, data?: Record<string, unknown>) => string): { problems: KeyProblem[]; next: (row: string[]) => KeyProblem | null } {
  const keys = fields.flatMap((field, index) => (field.key ? [index] : []))
  if (!keys.length) return { problems: [], next: () => null }
  if (keys.length > 1) return { problems: keys.slice(1).map((index) => ({ field: `fields.${index}.key`, rule: 'opendata_key', message: t('opendata_dashboard.errors.one_key') })), next: () => null }
  const [index] = keys
  const column = fields[index].descriptionRu || fields[index].name
  const seen = new Set<string>()
  let at = 0
  return {
    problems: [],
    next(row) {
      at++
      const value = row[index] ?? ''
      if (value === '') return { field: `fields.${index}.key`, rule: 'opendata_key', message: t('opendata_dashboard.errors.key_empty', { column, row: at }) }
      if (seen.has(value)) return { field: `fields.${index}.key`, rule: 'opendata_key', message: t('opendata_dashboard.errors.key_duplicate', { column, row: at, value: value.slice(0, 40) }) }
      seen.add(value)
      return null
    },
  }
}

/** Whether two structures describe the same fields (a different one makes a new structure version). */
export function sameStructure(left: StructureField[], right: StructureField[]) {
  const plain = (fields: StructureField[]) => JSON.stringify(fields.map(({ name, descriptionRu, descriptionEn, type, key }) => [name, descriptionRu, descriptionEn, type, !!key]))
  return plain(left) === plain(right)
}

/** The fields as published (the personal flag is a body's concern only; a published structure has none; the key travels). */
export function publicFields(fields: StructureField[]): StructureField[] {
  return fields.map(({ name, descriptionRu, descriptionEn, type, key }) => ({ name, descriptionRu, descriptionEn, type, ...(key ? { key: true } : {}) }))
}
