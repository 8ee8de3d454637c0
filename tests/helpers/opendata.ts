import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { SaxesParser } from 'saxes'
import type { ApiClient } from '@japa/api-client'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemActor } from '#core/audit'
import type User from '#modules/identity/models/user'
import Dataset from '#modules/opendata/models/dataset'
import { PublishUpload, ReceiveUpload } from '#modules/opendata/actions/publish'
import type { StructureField } from '#modules/opendata/services/structure'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import { loadRows } from '#modules/opendata/services/rows'
import type Tenant from '#tenancy/tenant'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'

/*
| A small, independent validator of the files of the «Методические
| рекомендации по публикации открытых данных» version 3.0: the header and
| the order of properties, the standard version row, the date formats. It
| reads with csv-parse (the app writes with csv-stringify).
*/

export const STANDARD = 'http://opendata.gosmonitor.ru/standard/3.0'
const IDENTIFIER = /^\d{10}(\d{2})?-[a-z0-9_]+$/
const DAY = /^\d{8}$/
const STAMP = /^\d{8}(T\d{4,6})?$/

export function csvRecords(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false })
}

/** list.csv: `property,title,value,format`, the standard version first, then one row per dataset linking its meta.csv. */
export function validateList(text: string) {
  const [header, standard, ...rows] = csvRecords(text)
  const problems: string[] = []
  if (header.join(',') !== 'property,title,value,format') problems.push(`header ${header.join(',')}`)
  if (standard?.[0] !== 'standardversion' || standard?.[2] !== STANDARD) problems.push(`standard version row ${standard?.join(',')}`)
  for (const row of rows) {
    if (!IDENTIFIER.test(row[0])) problems.push(`identifier ${row[0]}`)
    if (!row[1]) problems.push(`no title for ${row[0]}`)
    if (!row[2].endsWith(`/opendata/${row[0]}/meta.csv`)) problems.push(`link ${row[2]}`)
    if (row[3] !== 'csv') problems.push(`format ${row[3]}`)
  }
  if (problems.length) throw new Error(`list.csv: ${problems.join('; ')}`)
  return rows.map((row) => ({ identifier: row[0], title: row[1], link: row[2] }))
}

const META_BEFORE = ['standardversion', 'identifier', 'title', 'description', 'creator', 'format', 'subject']
const META_AFTER = ['created', 'modified', 'provenance', 'valid', 'publishername', 'publisherphone', 'publishermbox']

/**
 * meta.csv: `property,value`; standardversion, identifier, title,
 * description, creator, format, subject; then every data version
 * (`data-<date>-structure-<date>`) and structure (`structure-<date>`) with
 * its link; then created, modified, provenance, valid, publishername,
 * publisherphone, publishermbox. Dates as YYYYMMDD.
 */
export function validateMeta(text: string, identifier: string) {
  const [header, ...rows] = csvRecords(text)
  const problems: string[] = []
  if (header.join(',') !== 'property,value') problems.push(`header ${header.join(',')}`)
  const names = rows.map((row) => row[0])
  const value = (name: string) => rows.find((row) => row[0] === name)?.[1]
  const links = rows.filter((row) => /^(data|structure)-/.test(row[0]))
  const expected = [...META_BEFORE, ...links.map((row) => row[0]), ...META_AFTER]
  if (names.join(',') !== expected.join(',')) problems.push(`order ${names.join(',')}`)
  if (value('standardversion') !== STANDARD) problems.push('standardversion')
  if (value('identifier') !== identifier) problems.push('identifier')
  if (value('format') !== 'csv') problems.push('format')
  for (const name of ['created', 'modified']) if (!DAY.test(value(name) ?? '')) problems.push(`${name} ${value(name)}`)
  if (value('valid') && !DAY.test(value('valid')!)) problems.push('valid')
  const data = links.filter((row) => row[0].startsWith('data-'))
  const structures = links.filter((row) => row[0].startsWith('structure-'))
  for (const [name, link] of data) {
    const match = name.match(/^data-(.+)-structure-(.+)$/)
    if (!match || !STAMP.test(match[1]) || !STAMP.test(match[2])) problems.push(`data name ${name}`)
    if (!link.endsWith(`/opendata/${identifier}/${name}.csv`)) problems.push(`data link ${link}`)
    if (match && !structures.some(([structure]) => structure === `structure-${match[2]}`)) problems.push(`no structure for ${name}`)
  }
  for (const [name, link] of structures) {
    if (!STAMP.test(name.slice('structure-'.length))) problems.push(`structure name ${name}`)
    if (!link.endsWith(`/opendata/${identifier}/${name}.csv`)) problems.push(`structure link ${link}`)
  }
  if (!data.length || !structures.length) problems.push('no data or structure rows')
  if (problems.length) throw new Error(`meta.csv of ${identifier}: ${problems.join('; ')}`)
  return { values: Object.fromEntries(rows.filter((row) => !/^(data|structure)-/.test(row[0]))), data, structures }
}

/** structure-<date>.csv: `field name,english description,russian description,format`, a row per field. */
export function validateStructure(text: string) {
  const [header, ...rows] = csvRecords(text)
  if (header.join(',') !== 'field name,english description,russian description,format') throw new Error(`structure header ${header.join(',')}`)
  for (const row of rows) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(row[0]) || !row[1] || !row[2] || !row[3]) throw new Error(`structure row ${row.join(',')}`)
  return rows.map((row) => ({ name: row[0], descriptionEn: row[1], descriptionRu: row[2], format: row[3] }))
}

const STRUCTURE_PROPERTIES = ['fieldname', 'englishdescription', 'russiandescription', 'format']
const FIELD_FORMATS = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'latitude', 'longitude', 'geojson']

interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
}

/** An XML document as a tree of elements, read by saxes (a strict, namespace-unaware SAX parser; the app writes with fast-xml-parser). */
export function xmlTree(text: string): XmlElement {
  const parser = new SaxesParser()
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, text: '', children: [] }
    if (stack.length) stack[stack.length - 1].children.push(element)
    else root = element
    stack.push(element)
  })
  parser.on('text', (chunk) => {
    if (stack.length) stack[stack.length - 1].text += chunk
  })
  parser.on('closetag', () => stack.pop())
  parser.write(text).close()
  if (!root) throw new Error('XML without a root element')
  return root
}

/**
 * structure-<date>.json and .xml: the same four properties as the CSV's
 * header, named as one word (fieldname, englishdescription,
 * russiandescription, format), in that order, for every field — JSON
 * `{ "fields": [...] }`, XML `<structure><field>…</field></structure>`.
 */
export function validateStructureDocument(format: 'json' | 'xml', text: string) {
  let fields: Record<string, string>[]
  const problems: string[] = []
  if (format === 'json') {
    const document = JSON.parse(text)
    if (Object.keys(document).join(',') !== 'fields' || !Array.isArray(document.fields)) throw new Error(`structure.json: ${Object.keys(document).join(',')}`)
    fields = document.fields
    for (const field of fields) if (Object.keys(field).join(',') !== STRUCTURE_PROPERTIES.join(',')) problems.push(`properties ${Object.keys(field).join(',')}`)
  } else {
    const root = xmlTree(text)
    if (root.name !== 'structure' || root.children.some((child) => child.name !== 'field')) throw new Error(`structure.xml: <${root.name}> with ${root.children.map((child) => child.name).join(',')}`)
    fields = root.children.map((field) => {
      if (field.children.map((child) => child.name).join(',') !== STRUCTURE_PROPERTIES.join(',')) problems.push(`elements ${field.children.map((child) => child.name).join(',')}`)
      return Object.fromEntries(field.children.map((child) => [child.name, child.text.trim()]))
    })
  }
  for (const field of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field.fieldname ?? '')) problems.push(`field name ${field.fieldname}`)
    if (!field.englishdescription || !field.russiandescription) problems.push(`descriptions of ${field.fieldname}`)
    if (!FIELD_FORMATS.includes(field.format)) problems.push(`format ${field.format}`)
  }
  if (!fields.length) problems.push('no fields')
  if (problems.length) throw new Error(`structure.${format}: ${problems.join('; ')}`)
  return fields.map((field) => ({ name: field.fieldname, descriptionEn: field.englishdescription, descriptionRu: field.russiandescription, format: field.format }))
}

/** The structure links of meta.json or meta.xml: each `structure-<date>.<the passport's format>` of this dataset. */
export function structureLinksOf(format: 'json' | 'xml', text: string, identifier: string) {
  const links =
    format === 'json'
      ? (JSON.parse(text).structure as { source: string }[]).map((entry) => entry.source)
      : (xmlTree(text).children.find((child) => child.name === 'structure')?.children ?? []).map((version) => version.children.find((child) => child.name === 'source')?.text.trim() ?? '')
  const wrong = links.filter((link) => !new RegExp(`/opendata/${identifier}/structure-\\d{8}(T\\d{4,6})?\\.${format}$`).test(link))
  if (!links.length || wrong.length) throw new Error(`meta.${format} structure links: ${wrong.join(', ') || 'none'}`)
  return links
}

/** The path of an absolute link (the tests ask the server by Host header). */
export function pathOf(link: string) {
  return new URL(link).pathname
}

/** GET on the portal, anonymously. */
export function anonymousGet(client: ApiClient, host: string, path: string) {
  return client.get(path).header('host', host)
}

/** The body's publisher profile, written directly (as the demo seed would). */
export function givePublisherProfile(tenant: Tenant, inn: string) {
  return inTenant(tenant, () =>
    PublisherProfile.updateOrCreate({}, { inn, nameRu: `Орган ${tenant.slug}`, nameEn: `Body ${tenant.slug}`, responsiblePerson: 'Петрова Анна Сергеевна', phone: '+78612000000', email: `opendata@${tenant.slug.replace(/_/g, '-')}.test` })
  )
}

/** A dataset's passport in a body, written directly (as the form would), with the given overrides. */
export function createDataset(tenant: Tenant, name: string, createdBy: number, overrides: Partial<Pick<Dataset, 'subject' | 'frequency' | 'descriptionRu' | 'descriptionEn'>> = {}) {
  return inTenant(tenant, () =>
    Dataset.create({
      name,
      titleRu: `Набор ${name}`,
      titleEn: `Dataset ${name}`,
      descriptionRu: 'Набор для проверки открытых данных.',
      descriptionEn: 'A dataset to check open data.',
      subject: 'education',
      keywords: '',
      licence: 'cc-by-4.0',
      frequency: 'yearly',
      provenance: null,
      validUntil: null,
      createdBy,
      ...overrides,
    })
  )
}

/**
 * A body's own steps without HTTP: uploads a Windows-1251 CSV of the rows and
 * publishes it with the inferred structure, changed by `adjust` (the
 * person's edits on the structure form).
 */
export async function publishCsv(
  tenant: Tenant,
  person: User,
  dataset: Dataset,
  rows: string[][],
  { changeNote = 'Первая публикация', adjust = (fields: StructureField[]) => fields }: { changeNote?: string; adjust?: (fields: StructureField[]) => StructureField[] } = {}
) {
  const folder = await mkdtemp(join(tmpdir(), 'od-test-'))
  try {
    const path = join(folder, 'table.csv')
    await writeFile(path, cp1251Csv(rows))
    return await inTenant(tenant, async () => {
      const upload = await new ReceiveUpload().handle(dataset, { tmpPath: path, clientName: 'table.csv', extname: 'csv' }, person)
      return new PublishUpload().handle(dataset.id, upload.id, { fields: adjust(upload.fields), changeNote }, person, systemActor('test'))
    })
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** Loads the rows of every version the portal received from this body (what the queued job does). */
export function loadPortalRows(portal: Tenant, from: Tenant) {
  return inTenant(portal, async () => {
    const versions = await tenantDb()
      .from('opendata_public_versions as v')
      .join('opendata_public_datasets as d', 'd.id', 'v.dataset_id')
      .where('d.origin_tenant', from.slug)
      .whereNull('v.rows_loaded_at')
      .select('v.id')
    for (const version of versions) await loadRows(version.id)
    return versions.length
  })
}

/** A CSV as Russian Excel saves it: Windows-1251, `;` between values. */
export function cp1251Csv(rows: string[][]) {
  return iconv.encode(rows.map((row) => row.join(';')).join('\r\n') + '\r\n', 'win1251')
}

/** An XLSX of one sheet with these rows, written by ExcelJS (values typed as given). */
export async function xlsxOf(rows: (string | number | Date | boolean)[][]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Данные')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

