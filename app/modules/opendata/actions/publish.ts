import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import { REGION_ZONE } from '#core/region_time'
import { openTable } from '#core/uploads/table_reader'
import { UploadError } from '#core/uploads/upload_error'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import Dataset from '#modules/opendata/models/dataset'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import { FIELD_NAME, FIELD_TYPES, inferStructure, keyChecker, publicFields, readCell, sameStructure, type StructureField } from '#modules/opendata/services/structure'
import { storeUpload, storeVersionCsv, withLocalCopy } from '#modules/opendata/services/files'
import { datasetFacts, publisherFacts } from '#modules/opendata/services/facts'

export type Translate = (key: string, data?: Record<string, unknown>) => string
export const untranslated: Translate = (key) => key

/** Row and column problems reported at most (the rest are counted). */
const MAX_REPORTED = 50

/**
 * Data rows of an uploaded table. Publication streams (read, validate, write
 * the normalized CSV and its SHA-256 in one pass), so memory does not grow
 * with the rows; the web form's file size limit (20 MB, the shared upload
 * limit) is what bounds a table sent through the browser.
 */
const MAX_ROWS = 1_000_000

function stampOf(moment: DateTime, taken: Set<string>) {
  const local = moment.setZone(REGION_ZONE)
  for (const candidate of [local.toFormat('yyyyLLdd'), local.toFormat("yyyyLLdd'T'HHmm"), local.toFormat("yyyyLLdd'T'HHmmss")]) {
    if (!taken.has(candidate)) return candidate
  }
  throw new errors.E_FORBIDDEN_TRANSITION('Two versions in the same second')
}

/** The body's publisher profile, or 409 naming what it lacks. */
export async function requireProfile(t: Translate, client?: TransactionClientContract) {
  const profile = await PublisherProfile.query(client ? { client } : {}).first()
  const missing = profile ? (['inn', 'responsiblePerson', 'phone', 'email'] as const).filter((key) => !profile[key]) : ['inn', 'responsiblePerson', 'phone', 'email']
  if (!profile || missing.length) {
    throw new errors.E_FORBIDDEN_TRANSITION(t('opendata_office.errors.profile_missing', { fields: missing.map((key) => t(`opendata_office.fields.${key}`)).join(', ') }))
  }
  return profile
}

/**
 * Reads an uploaded CSV (UTF-8 or Windows-1251, `,` or `;`) or XLSX with the
 * shared upload limits, infers its structure and keeps the file until the
 * structure is confirmed. An unreadable or empty file is a 422 on `file`.
 */
export class ReceiveUpload {
  async handle(dataset: Dataset, file: { tmpPath: string; clientName: string; extname: 'csv' | 'xlsx' }, user: User) {
    const table = await openTable({ path: file.tmpPath, extname: file.extname }, { maxRows: MAX_ROWS })
    // the rows are not kept: only the values that decide each column's type (memory does not grow with the file)
    const witnesses = new TypeWitnesses(table.headers.length)
    let rowCount = 0
    // the first column is offered as the key while its values are filled and distinct (the values seen are dropped once not)
    let firstColumnIsKey = true
    const firstValues = new Set<string>()
    for await (const row of table.rows) {
      witnesses.see(row.cells)
      rowCount++
      if (firstColumnIsKey) {
        const value = (row.cells[0] ?? '').trim()
        if (!value || firstValues.has(value)) {
          firstColumnIsKey = false
          firstValues.clear()
        } else firstValues.add(value)
      }
    }
    const fields = inferStructure(table.headers, witnesses.rows())
    if (fields.length) fields[0].key = rowCount > 0 && firstColumnIsKey
    const key = await storeUpload(file.tmpPath, file.extname)
    const [upload] = await tenantDb()
      .table('opendata_uploads')
      .insert({
        dataset_id: dataset.id,
        storage_key: key,
        file_name: file.clientName.slice(0, 255),
        extname: file.extname,
        fields: JSON.stringify(fields),
        row_count: rowCount,
        uploaded_by: user.id,
        created_at: new Date(),
      })
      .returning('id')
    return { id: Number(upload.id ?? upload), fields, rowCount }
  }
}

/** A value with a leading zero (`007`): inference keeps such a column text (as structure.ts's LEADING_ZERO). */
const LEADING_ZERO = /^[+-]?0\d/

/**
 * The few values of each column that decide its inferred type, gathered
 * while the rows stream by: its first non-empty value, the first value with
 * a leading zero and, per type, the first value that does not read as it.
 * `inferStructure` over these rows gives the same structure as over every
 * row (a type is chosen when every value reads as it: a value that does not
 * is kept), without holding the table.
 */
export class TypeWitnesses {
  private readonly kept: Map<string, string>[]

  constructor(columns: number) {
    this.kept = Array.from({ length: columns }, () => new Map())
  }

  see(cells: string[]) {
    this.kept.forEach((kept, index) => {
      const value = cells[index] ?? ''
      if (value.trim() === '') return
      if (!kept.has('first')) kept.set('first', value)
      if (!kept.has('zero') && LEADING_ZERO.test(value.trim())) kept.set('zero', value)
      for (const type of FIELD_TYPES) if (type !== 'string' && !kept.has(type) && !readCell(type, value).ok) kept.set(type, value)
    })
  }

  rows(): string[][] {
    const columns = this.kept.map((kept) => [...kept.values()])
    const height = Math.max(0, ...columns.map((values) => values.length))
    return Array.from({ length: height }, (_, row) => columns.map((values) => values[row] ?? ''))
  }
}

export interface PublishInput {
  fields: StructureField[]
  changeNote: string
}

/** 422 on the structure form's fields: names, types, descriptions, personal columns. */
function assertFields(fields: StructureField[], columns: number, t: Translate) {
  const problems: { field: string; rule: string; message: string }[] = []
  if (fields.length !== columns) problems.push({ field: 'fields', rule: 'opendata_columns', message: t('opendata_office.errors.column_count', { expected: columns, given: fields.length }) })
  const seen = new Set<string>()
  fields.forEach((field, index) => {
    const label = field.descriptionRu || field.name || String(index + 1)
    if (!FIELD_NAME.test(field.name ?? '')) problems.push({ field: `fields.${index}.name`, rule: 'regex', message: t('opendata_office.errors.field_name', { column: label }) })
    else if (seen.has(field.name.toLowerCase())) problems.push({ field: `fields.${index}.name`, rule: 'unique', message: t('opendata_office.errors.field_name_taken', { name: field.name }) })
    seen.add((field.name ?? '').toLowerCase())
    if (!(FIELD_TYPES as readonly string[]).includes(field.type)) problems.push({ field: `fields.${index}.type`, rule: 'enum', message: t('opendata_office.errors.field_type', { column: label }) })
    if (!field.descriptionRu?.trim() || !field.descriptionEn?.trim()) problems.push({ field: `fields.${index}.descriptionRu`, rule: 'required', message: t('opendata_office.errors.field_description', { column: label }) })
    if (field.personal) problems.push({ field: `fields.${index}.personal`, rule: 'opendata_personal', message: t('opendata_office.errors.personal', { column: label }) })
  })
  if (problems.length) throw new vineErrors.E_VALIDATION_ERROR(problems)
}

/**
 * Publishes an upload as the dataset's next immutable version: every row is
 * read against the confirmed structure (422 with «Row N, column X: …» for
 * each bad cell, nothing published), the rows are written normalized as a
 * UTF-8 CSV in Drive with its size and SHA-256, a changed structure gets the
 * next structure number, and the version goes to the portal over the bus in
 * the same transaction. A column marked personal, or a body without its
 * publisher profile (409), publishes nothing.
 */
export class PublishUpload {
  async handle(datasetId: number, uploadId: number, input: PublishInput, user: User, actor: Actor, t: Translate = untranslated) {
    const upload = await tenantDb().from('opendata_uploads').where({ id: uploadId, dataset_id: datasetId }).first()
    if (!upload) throw new errors.E_NOT_FOUND(`No upload ${uploadId} of dataset ${datasetId}`)
    await requireProfile(t)
    const inferred = upload.fields as StructureField[]
    assertFields(input.fields, inferred.length, t)
    if (!input.changeNote?.trim()) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'changeNote', rule: 'required', message: t('opendata_office.errors.change_note') }])
    const fields = input.fields

    // one pass: every row is read against the structure and written normalized (CSV, size, SHA-256) as it goes;
    // the file is deleted and nothing published unless every row read
    const problems: string[] = []
    let bad = 0
    let rowCount = 0
    // the key column's rule (one key; filled and unique), checked as the rows pass
    const keys = keyChecker(fields, t)
    if (keys.problems.length) throw new vineErrors.E_VALIDATION_ERROR(keys.problems)
    let keyProblem: { field: string; rule: string; message: string } | null = null
    const file = await withLocalCopy(upload.storage_key, async (path) => {
      const table = await openTable({ path, extname: upload.extname }, { maxRows: MAX_ROWS })
      const normalized = (async function* () {
        for await (const row of table.rows) {
          rowCount++
          const report = (message: string) => {
            bad++
            if (problems.length < MAX_REPORTED) problems.push(message)
          }
          if (row.cells.length > fields.length && row.cells.slice(fields.length).some((cell) => cell !== '')) report(t('opendata_office.errors.extra_cells', { row: row.line, count: fields.length }))
          const values = new Array<string>(fields.length)
          for (let index = 0; index < fields.length; index++) {
            const reading = readCell(fields[index].type, row.cells[index] ?? '')
            if (reading.ok) values[index] = reading.value
            else {
              values[index] = ''
              report(t('opendata_office.errors.cell', { row: row.line, column: fields[index].descriptionRu || fields[index].name, problem: t(`opendata.cell.${reading.problem}`), value: (row.cells[index] ?? '').slice(0, 40) }))
            }
          }
          keyProblem ??= keys.next(values)
          yield values
        }
      })()
      return storeVersionCsv(
        fields.map((field) => field.name),
        normalized
      )
    }).catch((error) => {
      if (error instanceof UploadError) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'data', rule: `file.${error.reason}`, message: t(`uploads.errors.${error.reason}`, error.details) }])
      throw error
    })
    if (bad) {
      await drive.use().delete(file.key).catch(() => {})
      if (bad > problems.length) problems.push(t('opendata_office.errors.more', { count: bad - problems.length }))
      throw new vineErrors.E_VALIDATION_ERROR(problems.map((message) => ({ field: 'data', rule: 'opendata_cell', message })))
    }
    if (keyProblem) {
      await drive.use().delete(file.key).catch(() => {})
      throw new vineErrors.E_VALIDATION_ERROR([keyProblem])
    }

    try {
      const published = await publishVersion({ datasetId, fields, file: { ...file, rowCount }, changeNote: input.changeNote, actor, publishedBy: user.id, t }, async (trx) => {
        // an upload publishes once (a second click, a second tab): the one that removes it wins
        const removed = await trx.from('opendata_uploads').where('id', uploadId).delete()
        if (!Number(removed)) throw new errors.E_FORBIDDEN_TRANSITION(t('opendata_office.errors.upload_gone'))
      })
      await drive.use().delete(upload.storage_key).catch(() => {})
      return published
    } catch (error) {
      await drive.use().delete(file.key).catch(() => {})
      throw error
    }
  }
}

/** A version's data file, written and hashed (storeVersionCsv), with its row count. */
export interface VersionFile {
  key: string
  size: number
  sha256: string
  rowCount: number
}

/**
 * Records a stored data file as the dataset's next immutable version in one
 * transaction: a structure different from the latest one becomes the next
 * structure version, the version row is added, the dataset's identifier is
 * fixed, the message goes to every portal and the audit entry is written.
 * `within` runs inside the same transaction (an upload removes itself there).
 * `publishedBy` is the person (null for a job, once the column allows it).
 * Uploads and module-generated datasets both publish through here; the
 * caller deletes the file if this throws.
 */
export async function publishVersion(
  { datasetId, fields, file, changeNote, actor, publishedBy, t = untranslated }: { datasetId: number; fields: StructureField[]; file: VersionFile; changeNote: string; actor: Actor; publishedBy: number | null; t?: Translate },
  within?: (trx: TransactionClientContract) => Promise<void>
) {
  return tenantDb().transaction(async (trx) => {
        const dataset = await Dataset.query({ client: trx }).where('id', datasetId).forUpdate().firstOrFail()
        const profile = await requireProfile(t, trx)
        const now = DateTime.now()
        const identifier = dataset.identifier ?? `${profile.inn}-${dataset.name}`
        const clash = await trx.from('opendata_datasets').where('identifier', identifier).whereNot('id', dataset.id).first()
        if (clash) throw new errors.E_FORBIDDEN_TRANSITION(t('opendata_office.errors.identifier_taken', { identifier }))

        const structures = await trx.from('opendata_structures').where('dataset_id', dataset.id).orderBy('number', 'desc')
        let structure = structures[0]
        if (!structure || !sameStructure(structure.fields, fields)) {
          const [created] = await trx
            .table('opendata_structures')
            .insert({
              dataset_id: dataset.id,
              number: (structure?.number ?? 0) + 1,
              stamp: stampOf(now, new Set(structures.map((row) => row.stamp))),
              fields: JSON.stringify(publicFields(fields)),
              created_at: now.toJSDate(),
            })
            .returning('*')
          structure = created
        }
        const versions = await trx.from('opendata_versions').where('dataset_id', dataset.id).select('data_stamp')
        const number = dataset.currentVersion + 1
        const dataStamp = stampOf(now, new Set(versions.map((row) => row.data_stamp)))
        await trx.table('opendata_versions').insert({
          dataset_id: dataset.id,
          number,
          structure_id: structure.id,
          data_stamp: dataStamp,
          storage_key: file.key,
          size: file.size,
          row_count: file.rowCount,
          sha256: file.sha256,
          change_note: changeNote.trim(),
          published_by: publishedBy,
          published_at: now.toJSDate(),
        })
        dataset.merge({ identifier, currentVersion: number, currentStructure: structure.number })
        await dataset.useTransaction(trx).save()
        await within?.(trx)

        const payload: BusPayloads['opendata.version_published'] = {
          datasetId: dataset.id,
          dataset: datasetFacts(dataset, identifier),
          publisher: publisherFacts(profile),
          structure: { number: structure.number, stamp: structure.stamp, createdAt: new Date(structure.created_at).toISOString(), fields: publicFields(structure.fields) },
          version: { number, dataStamp, key: file.key, size: file.size, rowCount: file.rowCount, sha256: file.sha256, changeNote: changeNote.trim(), publishedAt: now.toISO()! },
        }
        const here = tenantScope.currentOrFail()
        if (here.kind === 'portal') {
          // a portal publishing its own (generated) datasets writes its catalogue directly: no message to itself
          const { receiveVersion } = await import('#modules/opendata/bus_handlers')
          await receiveVersion({ from: here.slug, payload }, trx, here)
        } else {
          await bus.sendMany(trx, (await portalSlugs()).map((slug) => ({ to: slug, type: 'opendata.version_published' as const, payload })))
        }
        await recordAudit(actor, 'opendata.version_published', { type: 'opendata_dataset', id: dataset.id }, { identifier, version: number, structure: structure.number, rows: file.rowCount, sha256: file.sha256 }, trx)
        return { identifier, number, structureNumber: structure.number, rowCount: file.rowCount, sha256: file.sha256 }
  })
}
