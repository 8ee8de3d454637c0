import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import drive from '@adonisjs/drive/services/main'
import type { FieldType, StructureField } from '#modules/opendata/services/structure'

/*
| A version's data as JSON and XML, written from its stored CSV (the
| normalized file the body published: RFC 4180, UTF-8, CRLF, a header of the
| field names) as it is read. The CSV is the version's own bytes, so the
| documents are the same whether the rows are loaded or not, and no query
| builds a million lines: by the bench, PostgreSQL writing each row's
| `json_build_object` cost ~17 s per million rows (35 000 rows/s), this
| ~4 s. Memory stays flat: a file chunk (64 KB) in, a chunk of text out,
| the next read only when the response has taken it (Readable.from pulls).
|
| Versions never change, so each document is written once into Drive next
| to the version's CSV (`<key>.json`, `<key>.xml`) by the rows job, and
| served from there like the CSV: with its length, at file speed, with the
| server's memory flat. Until it is there, it is written as it is sent.
*/

/** Text written per yield: large enough that the socket gets few writes. */
const OUT_CHUNK = 64 * 1024

/**
 * The records of an RFC 4180 CSV as it streams, a chunk of records at a
 * time. Lines without a quote (most of them) are split as they are; a
 * quoted field may hold commas, doubled quotes and line breaks.
 */
export async function* csvRecordBatches(source: AsyncIterable<Buffer | string>): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8')
  let pending = ''
  let first = true
  for await (const chunk of source) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk))
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    const { records, rest } = parseComplete(text, false)
    pending = rest
    if (records.length) yield records
  }
  const tail = pending + decoder.end()
  if (tail.length) {
    const { records } = parseComplete(tail, true)
    if (records.length) yield records
  }
}

/** The complete records of `text` and what is left of an unfinished one (all of it at the end of the file). */
function parseComplete(text: string, atEnd: boolean) {
  const records: string[][] = []
  let position = 0
  const length = text.length
  while (position < length) {
    const lineEnd = text.indexOf('\n', position)
    if (lineEnd === -1 && !atEnd) break
    const end = lineEnd === -1 ? length : lineEnd
    const quote = text.indexOf('"', position)
    if (quote === -1 || quote > end) {
      // the usual line: no quotes, fields split on commas
      const stop = end > position && text.charCodeAt(end - 1) === 13 ? end - 1 : end
      records.push(text.slice(position, stop).split(','))
      position = end + 1
      continue
    }
    const parsed = quotedRecord(text, position, atEnd)
    if (!parsed) break
    records.push(parsed.fields)
    position = parsed.next
  }
  return { records, rest: text.slice(position) }
}

/** One record with quoted fields from `start`, or null when it runs past the text (more is to come). */
function quotedRecord(text: string, start: number, atEnd: boolean): { fields: string[]; next: number } | null {
  const fields: string[] = []
  const length = text.length
  let position = start
  for (;;) {
    let value: string
    if (text.charCodeAt(position) === 34) {
      // a quoted field: up to the quote not doubled
      let from = position + 1
      value = ''
      for (;;) {
        const close = text.indexOf('"', from)
        if (close === -1) return atEnd ? { fields: [...fields, value + text.slice(from)], next: length } : null
        if (close + 1 < length && text.charCodeAt(close + 1) === 34) {
          value += text.slice(from, close + 1)
          from = close + 2
          continue
        }
        if (close + 1 >= length && !atEnd) return null
        value += text.slice(from, close)
        position = close + 1
        break
      }
    } else {
      let stop = position
      while (stop < length) {
        const code = text.charCodeAt(stop)
        if (code === 44 || code === 10 || code === 13) break
        stop++
      }
      value = text.slice(position, stop)
      position = stop
    }
    fields.push(value)
    if (position >= length) {
      if (!atEnd) return null
      return { fields, next: length }
    }
    const code = text.charCodeAt(position)
    if (code === 44) {
      position++
      continue
    }
    // the end of the record: CRLF or LF
    if (code === 13) {
      if (position + 1 >= length && !atEnd) return null
      if (text.charCodeAt(position + 1) === 10) position++
    }
    return { fields, next: position + 1 }
  }
}

const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/

/** A stored (normalized) value as JSON text: numbers and booleans as such, GeoJSON as it is, empty as null (typedValue's rules). */
function jsonValue(type: FieldType, value: string | undefined) {
  if (value === undefined || value === '') return 'null'
  switch (type) {
    case 'integer': {
      const number = Number(value)
      return Number.isSafeInteger(number) ? String(number) : JSON.stringify(value)
    }
    case 'decimal':
    case 'latitude':
    case 'longitude': {
      const number = Number(value)
      return Number.isFinite(number) ? String(number) : 'null'
    }
    case 'boolean':
      return value === 'true' ? 'true' : 'false'
    case 'geojson':
      return JSON.stringify(JSON.parse(value))
    default:
      return jsonText(value)
  }
}

/** A text as a JSON string: most values need no escape and are quoted as they are (JSON.stringify's output, without its call). */
export function jsonText(value: string) {
  return NEEDS_JSON_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`
}

// a carriage return as a reference: a parser would turn a raw CRLF inside a value into LF (XML's end-of-line rule)
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' }
function xmlText(value: string) {
  return /[&<>"'\r]/.test(value) ? value.replace(/[&<>"'\r]/g, (char) => XML_ESCAPES[char]) : value
}

const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'

/**
 * A version's JSON (an array of objects, one per line, typed by the
 * structure) or XML (`<data><row><field>…</field></row></data>`) as text
 * chunks, from its stored CSV. Each field is found by its name in the
 * file's header (the structure's order is the document's order).
 */
export async function* dataDocument(format: 'json' | 'xml', fields: StructureField[], csv: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let columns: number[] | null = null
  // JSON: `"name":` once per field; XML: `  <name>` and `</name>\n`
  const keys = fields.map((field) => `${JSON.stringify(field.name)}:`)
  const opens = fields.map((field) => `  <${field.name}>`)
  const closes = fields.map((field) => `</${field.name}>\n`)
  const types = fields.map((field) => field.type)
  let out = format === 'json' ? '[' : `${XML_HEAD}<data>\n`
  let first = true
  for await (const records of csvRecordBatches(csv)) {
    let index = 0
    if (!columns) {
      const header = records[0]
      columns = fields.map((field) => header.indexOf(field.name))
      index = 1
    }
    for (; index < records.length; index++) {
      const record = records[index]
      if (format === 'json') {
        let line = first ? '\n{' : ',\n{'
        for (let field = 0; field < keys.length; field++) line += (field ? ',' : '') + keys[field] + jsonValue(types[field], record[columns[field]])
        out += `${line}}`
      } else {
        let element = '<row>\n'
        for (let field = 0; field < opens.length; field++) element += opens[field] + xmlText(record[columns[field]] ?? '') + closes[field]
        out += `${element}</row>\n`
      }
      first = false
    }
    if (out.length >= OUT_CHUNK) {
      yield out
      out = ''
    }
  }
  out += format === 'json' ? '\n]\n' : '</data>\n'
  yield out
}

/** Where a version's JSON or XML document is kept: beside its stored CSV. */
export function documentKey(storageKey: string, format: 'json' | 'xml') {
  return `${storageKey.replace(/\.csv$/, '')}.${format}`
}

/** A version's document written from its stored CSV, as a stream. */
export async function writtenDocument(format: 'json' | 'xml', fields: StructureField[], storageKey: string): Promise<Readable> {
  const csv = await drive.use().getStream(storageKey)
  const document = Readable.from(dataDocument(format, fields, csv), { objectMode: false })
  // a client gone stops the reading of the file
  document.once('close', () => csv.destroy())
  return document
}

/** The kept document (a stream and its length), or null while it is not written yet. */
export async function keptDocument(storageKey: string, format: 'json' | 'xml') {
  const disk = drive.use()
  const key = documentKey(storageKey, format)
  if (!(await disk.exists(key))) return null
  const { contentLength } = await disk.getMetaData(key)
  return { body: await disk.getStream(key), length: contentLength }
}

/**
 * Writes a version's JSON and XML documents into Drive beside its CSV, if
 * they are not there: each under a temporary name first and then moved, so
 * a request never meets half a file. Idempotent (the rows job may run again).
 */
export async function keepDocuments(storageKey: string, fields: StructureField[]) {
  const disk = drive.use()
  const kept: string[] = []
  for (const format of ['json', 'xml'] as const) {
    const key = documentKey(storageKey, format)
    if (await disk.exists(key)) continue
    const partial = `${key}.partial`
    try {
      await disk.putStream(partial, await writtenDocument(format, fields, storageKey), { contentType: format === 'json' ? 'application/json' : 'application/xml' })
      await disk.move(partial, key)
    } catch (error) {
      await disk.delete(partial).catch(() => {})
      throw error
    }
    kept.push(format)
  }
  return kept
}
