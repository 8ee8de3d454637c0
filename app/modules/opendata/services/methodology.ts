import { stringify } from 'csv-stringify'
import { XMLBuilder } from 'fast-xml-parser'
import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { isoDay } from '#core/date_column'
import { tenantDb } from '#tenancy/tenant_model'
import type { FieldType, StructureField } from '#modules/opendata/services/structure'

/*
| The files of the «Методические рекомендации по публикации открытых данных
| государственными органами и органами местного самоуправления, а также
| технические требования к публикации открытых данных» version 3.0
| (protocol of the Government Commission of 29.05.2014 No. 4): the
| registry `list.*`, each dataset's passport `meta.*`, its data files
| `data-<date>-structure-<date>.*` and structure files `structure-<date>.*`.
| Property names and their order are those of the recommendations (see
| docs/opendata.md for where they were taken from).
*/

export const STANDARD_VERSION = 'http://opendata.gosmonitor.ru/standard/3.0'
export type Format = 'csv' | 'json' | 'xml'
export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
}

/** The header of list.csv and the property order of meta.csv (data and structure rows go where `data` stands). */
export const LIST_HEADER = ['property', 'title', 'value', 'format'] as const
export const META_ORDER = ['standardversion', 'identifier', 'title', 'description', 'creator', 'format', 'subject', 'data', 'created', 'modified', 'provenance', 'valid', 'publishername', 'publisherphone', 'publishermbox'] as const
export const STRUCTURE_HEADER = ['field name', 'english description', 'russian description', 'format'] as const

const xml = new XMLBuilder({ format: true, suppressEmptyNode: false })
const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'

/** YYYYMMDD of a moment in the region's time. */
export function day(value: Date | string | null | undefined) {
  if (!value) return ''
  const moment = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(String(value))
  return moment.setZone(REGION_ZONE).toFormat('yyyyLLdd')
}

/** The name of a version's data file without its extension. */
export function dataName(version: { data_stamp: string; structure_stamp: string }) {
  return `data-${version.data_stamp}-structure-${version.structure_stamp}`
}

function csvText(records: (string | number | null)[][]) {
  return new Promise<string>((resolve, reject) => {
    stringify(records.map((record) => record.map((value) => (value === null ? '' : String(value)))), { record_delimiter: '\r\n' }, (error, output) => (error ? reject(error) : resolve(output)))
  })
}

export interface PublicVersionRow {
  id: number
  dataset_id: number
  number: number
  data_stamp: string
  structure_number: number
  structure_stamp: string
  row_count: number
  size: number
  sha256: string
  /** The portal's copy of the data file in Drive. */
  storage_key: string
  change_note: string
  published_at: Date
  rows_loaded_at: Date | null
}

/** The versions of some public datasets with their structures' stamps, by dataset, newest first. */
export function publicVersionsOf(datasetIds: number[]): Promise<PublicVersionRow[]> {
  return tenantDb()
    .from('opendata_public_versions as v')
    .join('opendata_public_structures as s', (join) => join.on('s.dataset_id', 'v.dataset_id').andOn('s.number', 'v.structure_number'))
    .whereIn('v.dataset_id', datasetIds)
    .orderBy([{ column: 'v.dataset_id' }, { column: 'v.number', order: 'desc' }])
    .select('v.*', 's.stamp as structure_stamp')
}

/** The versions of a public dataset with their structures' stamps, newest first. */
export function publicVersions(datasetId: number): Promise<PublicVersionRow[]> {
  return publicVersionsOf([datasetId])
}

export function publicStructures(datasetId: number): Promise<{ number: number; stamp: string; fields: StructureField[]; created_at: Date }[]> {
  return tenantDb().from('opendata_public_structures').where('dataset_id', datasetId).orderBy('number', 'desc')
}

// ---- list ----

export async function listDocument(format: Format, base: string) {
  const datasets = await tenantDb().from('opendata_public_datasets').orderBy('identifier').select('identifier', 'title_ru')
  const link = (identifier: string) => `${base}/opendata/${identifier}/meta.${format}`
  if (format === 'csv') {
    return csvText([[...LIST_HEADER], ['standardversion', 'Версия методических рекомендаций', STANDARD_VERSION, ''], ...datasets.map((row) => [row.identifier, row.title_ru, link(row.identifier), format])])
  }
  const meta = datasets.map((row) => ({ identifier: row.identifier, title: row.title_ru, link: link(row.identifier), format }))
  if (format === 'json') return `${JSON.stringify({ standardversion: STANDARD_VERSION, meta }, null, 2)}\n`
  return XML_HEAD + xml.build({ list: { standardversion: STANDARD_VERSION, meta: { item: meta } } })
}

// ---- meta (the passport) ----

export async function metaDocument(dataset: any, publisher: any, format: Format, base: string) {
  const versions = await publicVersions(dataset.id)
  const structures = await publicStructures(dataset.id)
  const folder = `${base}/opendata/${dataset.identifier}`
  const latest = versions[0]
  const passport = {
    standardversion: STANDARD_VERSION,
    identifier: dataset.identifier,
    title: dataset.title_ru,
    description: dataset.description_ru,
    creator: publisher.name_ru,
    format,
    subject: dataset.keywords || dataset.title_ru,
    created: day(dataset.created_at),
    modified: day(latest?.published_at ?? dataset.modified_at),
    provenance: latest?.change_note ?? dataset.provenance ?? '',
    valid: dataset.valid_until ? isoDay(dataset.valid_until).replace(/-/g, '') : '',
    publishername: publisher.responsible_person,
    publisherphone: publisher.phone,
    publishermbox: publisher.email,
  }
  const dataLinks = versions.map((version) => ({ name: dataName(version), source: `${folder}/${dataName(version)}.${format}`, created: version.data_stamp, provenance: version.change_note, structure: version.structure_stamp }))
  // each passport links the structures in its own format (meta.json → structure-<date>.json)
  const structureLinks = structures.map((structure) => ({ name: `structure-${structure.stamp}`, source: `${folder}/structure-${structure.stamp}.${format}`, created: structure.stamp }))
  if (format === 'csv') {
    const rows: string[][] = [['property', 'value']]
    for (const property of META_ORDER) {
      if (property === 'data') {
        for (const link of dataLinks) rows.push([link.name, link.source])
        for (const link of structureLinks) rows.push([link.name, link.source])
      } else rows.push([property, passport[property]])
    }
    return csvText(rows)
  }
  const document = {
    standardversion: passport.standardversion,
    identifier: passport.identifier,
    title: passport.title,
    description: passport.description,
    creator: passport.creator,
    format: passport.format,
    subject: passport.subject,
    data: dataLinks.map(({ source, created, provenance, structure }) => ({ source, created, provenance, structure })),
    structure: structureLinks.map(({ source, created }) => ({ source, created })),
    created: passport.created,
    modified: passport.modified,
    provenance: passport.provenance,
    valid: passport.valid,
    publisher: { name: passport.publishername, phone: passport.publisherphone, mbox: passport.publishermbox },
  }
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`
  return XML_HEAD + xml.build({ meta: { ...document, data: { dataversion: document.data }, structure: { structureversion: document.structure } } })
}

// ---- structure ----

export function structureCsv(fields: StructureField[]) {
  return csvText([[...STRUCTURE_HEADER], ...fields.map((field) => [field.name, field.descriptionEn, field.descriptionRu, field.type])])
}

/** The properties of a field in structure-<date>.json and .xml: the CSV header's names as one word, as the passport's properties are. */
export const STRUCTURE_PROPERTIES = ['fieldname', 'englishdescription', 'russiandescription', 'format'] as const

/**
 * A structure version in any of the three formats: CSV (the header above),
 * JSON `{ "fields": [{ fieldname, englishdescription, russiandescription,
 * format }] }`, XML `<structure><field>…</field></structure>` with the same
 * elements in the same order.
 */
export async function structureDocument(format: Format, fields: StructureField[]) {
  if (format === 'csv') return structureCsv(fields)
  const described = fields.map((field) => ({ fieldname: field.name, englishdescription: field.descriptionEn, russiandescription: field.descriptionRu, format: field.type }))
  if (format === 'json') return `${JSON.stringify({ fields: described }, null, 2)}\n`
  return XML_HEAD + xml.build({ structure: { field: described } })
}

// ---- data values (the JSON and XML documents are written from the stored CSV: see data_files.ts) ----

/** A stored (normalized) value as JSON: numbers and booleans as such, GeoJSON as an object, empty as null. */
export function typedValue(type: FieldType, value: string | undefined) {
  if (value === undefined || value === '') return null
  switch (type) {
    case 'integer': {
      const number = Number(value)
      return Number.isSafeInteger(number) ? number : value
    }
    case 'decimal':
    case 'latitude':
    case 'longitude':
      return Number(value)
    case 'boolean':
      return value === 'true'
    case 'geojson':
      return JSON.parse(value)
    default:
      return value
  }
}
