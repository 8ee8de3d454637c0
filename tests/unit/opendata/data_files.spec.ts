import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { XMLParser } from 'fast-xml-parser'
import { csvRecordBatches, dataDocument } from '#modules/opendata/services/data_files'
import { typedValue } from '#modules/opendata/services/methodology'
import type { StructureField } from '#modules/opendata/services/structure'

const field = (name: string, type: StructureField['type']): StructureField => ({ name, type, descriptionRu: name, descriptionEn: name })

/** The text as a stream cut into pieces of `size` bytes (cuts fall inside quotes, CRLFs and Cyrillic letters). */
async function* pieces(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8')
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size)
}

async function records(text: string, size: number) {
  const all: string[][] = []
  for await (const batch of csvRecordBatches(pieces(text, size))) all.push(...batch)
  return all
}

async function documentText(format: 'json' | 'xml', fields: StructureField[], csv: string, size = 7) {
  let text = ''
  for await (const chunk of dataDocument(format, fields, pieces(csv, size))) text += chunk
  return text
}

// awkward values: commas, doubled quotes, line breaks inside quotes, XML's specials, JSON's escapes, Cyrillic
const ROWS = [
  ['1', 'Музей, «Кубань»', 'он сказал "да"', '12.5', 'true', '45.0001', '38.9'],
  ['2', 'строка\r\nвторая', '<a href="x">&amp;</a>', '', 'false', '', ''],
  ['3', "апостроф ' и \\ и \t", '\u0001', '-7', '', '44', '39.123456'],
  ['9007199254740993', '', '"', '1e3', 'true', '45', '38'],
]
const FIELDS = [field('kod', 'integer'), field('nazvanie', 'string'), field('tekst', 'string'), field('summa', 'decimal'), field('est', 'boolean'), field('shirota', 'latitude'), field('dolgota', 'longitude')]
const CSV = stringify([FIELDS.map((one) => one.name), ...ROWS], { record_delimiter: '\r\n' })

test.group('Open data documents from the stored CSV', () => {
  test('the CSV reader gives what csv-parse gives, wherever the chunks are cut', async ({ assert }) => {
    const expected = parse(CSV, { relax_column_count: true })
    for (const size of [1, 2, 3, 5, 8, 13, 64, 100_000]) assert.deepEqual(await records(CSV, size), expected, `chunks of ${size}`)
    assert.deepEqual(await records(`\uFEFFa,b\r\n1,2\r\n`, 1), [['a', 'b'], ['1', '2']], 'a BOM is skipped')
    assert.deepEqual(await records('a,b\n1,"x\ny"\n3,', 2), [['a', 'b'], ['1', 'x\ny'], ['3', '']], 'LF endings and a last line without one')
  })

  test('JSON: an array of objects typed as the structure says (typedValue), whatever the chunks', async ({ assert }) => {
    const expected = ROWS.map((row) => Object.fromEntries(FIELDS.map((one, index) => [one.name, typedValue(one.type, row[index])])))
    for (const size of [1, 7, 4096]) assert.deepEqual(JSON.parse(await documentText('json', FIELDS, CSV, size)), expected)
    // the structure's order, whatever the file's order of columns; an empty table is an empty array
    const reordered = stringify([['b', 'a'], ['2', 'x']], { record_delimiter: '\r\n' })
    assert.equal(await documentText('json', [field('a', 'string'), field('b', 'integer')], reordered), '[\n{"a":"x","b":2}\n]\n')
    assert.deepEqual(JSON.parse(await documentText('json', FIELDS, `${FIELDS.map((one) => one.name).join(',')}\r\n`)), [])
  })

  test('XML: one <row> per record, every value escaped, read back the same by an XML parser', async ({ assert }) => {
    const text = await documentText('xml', FIELDS, CSV)
    assert.isTrue(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<data>\n<row>\n  <kod>1</kod>\n'))
    assert.isTrue(text.endsWith('  <dolgota>38</dolgota>\n</row>\n</data>\n'))
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true }).parse(text)
    const rows = parsed.data.row as Record<string, string>[]
    assert.lengthOf(rows, ROWS.length)
    ROWS.forEach((row, index) => FIELDS.forEach((one, column) => assert.equal(String(rows[index][one.name] ?? ''), row[column], `${index}.${one.name}`)))
  })
})
