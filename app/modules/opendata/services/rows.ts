import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import drive from '@adonisjs/drive/services/main'
import { queueService } from '#queue/queue_service'
import { tenantDb } from '#tenancy/tenant_model'
import { locatorOf } from '#modules/opendata/services/geo'
import { csvRecordBatches, jsonText, keepDocuments } from '#modules/opendata/services/data_files'
import type { StructureField } from '#modules/opendata/services/structure'

export const LOAD_ROWS_JOB = 'opendata.load_rows'

/** Queues the loading of a version's rows (idempotent: one job id per version). */
export function loadRowsSoon(tenant: string, versionId: number, purpose: 'load' | 'prepare' = 'load') {
  // a version loaded before its documents were kept is prepared by the same job under its own id (the loading is skipped)
  const jobId = `${LOAD_ROWS_JOB}.${tenant}.${versionId}${purpose === 'prepare' ? '.prepare' : ''}`
  return queueService.dispatch(LOAD_ROWS_JOB, { versionId }, { tenant, jobId, attempts: 5, backoff: { type: 'exponential', delay: 5000 } })
}

/** A value as COPY's text format wants it: backslash, tab and line breaks escaped (JSON text has no raw ones, but backslashes). */
function copyText(text: string) {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

/**
 * Loads the rows of a version the portal received from its copy of the
 * data file into `opendata_public_rows` (each row a jsonb object keyed by
 * field name, numbered from 1, with its location for the map view) with
 * one COPY streamed from the file as it is parsed, in one transaction: a
 * failed run leaves nothing half-loaded and is retried; a loaded version is
 * left as it is. The file must have the rows and the SHA-256 the body
 * announced (checked before the commit). Runs in the portal's scope.
 */
export async function loadRows(versionId: number) {
  const db = tenantDb()
  const version = await db.from('opendata_public_versions').where('id', versionId).first()
  if (!version) return { skipped: 'no such version' }
  if (version.rows_loaded_at) return { skipped: 'loaded' }
  return db.transaction(async (trx) => {
    const locked = await trx.from('opendata_public_versions').where('id', versionId).forUpdate().first()
    if (locked.rows_loaded_at) return { skipped: 'loaded' }
    await trx.from('opendata_public_rows').where('version_id', versionId).delete()
    await trx.from('opendata_public_row_words').where('version_id', versionId).delete()
    // the GIN index of the filters takes the rows into a large pending list merged in bulk, not one by one:
    // measured on 100 000 rows, the load with the filters' index took 2.4× the time without it at the defaults, 1.2× with these
    await trx.rawQuery(`set local work_mem = '256MB'; set local gin_pending_list_limit = '256MB'`)
    // rows with coordinates are located for the map view (lat/lon columns, indexed by version)
    const structure = await trx.from('opendata_public_structures').where({ dataset_id: locked.dataset_id, number: locked.structure_number }).select('fields').first()
    const locate = locatorOf((structure?.fields ?? []) as StructureField[])

    // the copy is checked against the SHA-256 the body announced while it is read
    const hash = createHash('sha256')
    const file = await drive.use().getStream(version.storage_key)
    const hashed = (async function* () {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        hash.update(chunk)
        yield chunk
      }
    })()
    let count = 0
    // each row's jsonb as text, written by hand (keys quoted once; most values need no escape) — with csv-parse
    // and JSON.stringify of an object per row, the app's side was most of the rows step of a million rows
    const lines = Readable.from(
      (async function* () {
        let header: string[] | null = null
        let keys: string[] = []
        let chunk = ''
        for await (const records of csvRecordBatches(hashed)) {
          for (const record of records) {
            if (!header) {
              header = record
              keys = header.map((name) => `${JSON.stringify(name)}:`)
              continue
            }
            count++
            let json = '{'
            for (let index = 0; index < keys.length; index++) json += (index ? ',' : '') + keys[index] + jsonText(record[index] ?? '')
            json += '}'
            let location = null
            if (locate) {
              const data: Record<string, string> = {}
              for (let index = 0; index < header.length; index++) data[header[index]] = record[index] ?? ''
              location = locate(data)
            }
            // JSON text has no raw tab or line break: only its backslashes need COPY's escape
            chunk += `${versionId}\t${count}\t${json.includes('\\') ? copyText(json) : json}\t${location ? location.lat : '\\N'}\t${location ? location.lon : '\\N'}\n`
          }
          // a few hundred rows per write: fewer, larger chunks for the socket
          if (chunk.length >= 64 * 1024) {
            yield chunk
            chunk = ''
          }
        }
        if (chunk) yield chunk
      })(),
      { objectMode: false }
    )
    const connection = await trx.getWriteClient().client.acquireConnection()
    const copy = copyFrom('copy opendata_public_rows (version_id, row_number, data, lat, lon) from stdin')
    await new Promise<void>((resolve, reject) => connection.query(copy, (error: Error | null) => (error ? reject(error) : resolve())))
    await pipeline(lines, copy)

    if (count !== Number(locked.row_count)) throw new Error(`Version ${versionId}: ${count} rows in the file, ${locked.row_count} announced`)
    if (hash.digest('hex') !== locked.sha256) throw new Error(`Version ${versionId}: the file's SHA-256 is not the one announced`)
    await trx.from('opendata_public_versions').where('id', versionId).update({ rows_loaded_at: new Date() })
    return { loaded: count }
  })
}

/**
 * The words of a loaded version's rows for `datastore_search`'s `q`, in one
 * statement after the rows are visible (the rows job's second step): a GIN
 * built in bulk from its pending list, then `words_indexed_at` tells the
 * search to use it. Idempotent; a version not loaded yet is left for the
 * rows job. Runs in the portal's scope.
 */
export async function indexRowWords(versionId: number) {
  const db = tenantDb()
  const version = await db.from('opendata_public_versions').where('id', versionId).first()
  if (!version?.rows_loaded_at) return { skipped: 'not loaded' }
  if (version.words_indexed_at) return { skipped: 'indexed' }
  return db.transaction(async (trx) => {
    const locked = await trx.from('opendata_public_versions').where('id', versionId).forUpdate().first()
    if (locked.words_indexed_at) return { skipped: 'indexed' }
    await trx.rawQuery(`set local work_mem = '256MB'; set local gin_pending_list_limit = '256MB'`)
    await trx.from('opendata_public_row_words').where('version_id', versionId).delete()
    const inserted = await trx.rawQuery(
      `insert into opendata_public_row_words (version_id, row_number, search) select version_id, row_number, to_tsvector('russian', data) from opendata_public_rows where version_id = ?`,
      [versionId]
    )
    await trx.from('opendata_public_versions').where('id', versionId).update({ words_indexed_at: new Date() })
    return { indexed: Number(inserted.rowCount ?? 0) }
  })
}

/**
 * What follows the rows once they are visible (the rows job's later steps,
 * off the publication's clock): the words of `q`, and the version's JSON and
 * XML documents kept beside its CSV. Each step is idempotent.
 */
export async function prepareVersion(versionId: number) {
  const words = await indexRowWords(versionId)
  const version = await tenantDb().from('opendata_public_versions').where('id', versionId).first()
  if (!version?.rows_loaded_at) return { words }
  const structure = await tenantDb().from('opendata_public_structures').where({ dataset_id: version.dataset_id, number: version.structure_number }).select('fields').first()
  const documents = await keepDocuments(version.storage_key, (structure?.fields ?? []) as StructureField[])
  return { words, documents }
}
