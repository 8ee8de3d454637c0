import { createHash } from 'node:crypto'
import { parse } from 'csv-parse'
import drive from '@adonisjs/drive/services/main'
import { queueService } from '#queue/queue_service'
import { tenantDb } from '#tenancy/tenant_model'
import { locatorOf } from '#modules/opendata/services/geo'
import type { StructureField } from '#modules/opendata/services/structure'

export const LOAD_ROWS_JOB = 'opendata.load_rows'

/** Rows inserted per statement while a version loads. */
const BATCH = 500

/** Queues the loading of a version's rows (idempotent: one job id per version). */
export function loadRowsSoon(tenant: string, versionId: number) {
  return queueService.dispatch(LOAD_ROWS_JOB, { versionId }, { tenant, jobId: `${LOAD_ROWS_JOB}.${tenant}.${versionId}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } })
}

/**
 * Loads the rows of a version the portal received from its copy of the
 * data file into `opendata_public_rows` (each row a jsonb object keyed by
 * field name, numbered from 1), in batches, in one transaction: a failed
 * run leaves nothing half-loaded and is retried; a loaded version is left
 * as it is. The file must have the rows and the SHA-256 the body announced.
 * Runs in the portal's scope.
 */
export async function loadRows(versionId: number) {
  const db = tenantDb()
  const version = await db.from('opendata_public_versions').where('id', versionId).first()
  if (!version) return { skipped: 'no such version' }
  if (version.rows_loaded_at) return { skipped: 'loaded' }
  const stream = await drive.use().getStream(version.storage_key)
  return db.transaction(async (trx) => {
    const locked = await trx.from('opendata_public_versions').where('id', versionId).forUpdate().first()
    if (locked.rows_loaded_at) return { skipped: 'loaded' }
    await trx.from('opendata_public_rows').where('version_id', versionId).delete()
    // the copy is checked against the SHA-256 the body announced while it is read
    const hash = createHash('sha256')
    stream.on('data', (chunk: Buffer) => hash.update(chunk))
    const parser = stream.pipe(parse({ bom: true }))
    // rows with coordinates are located for the map view (lat/lon columns, indexed by version)
    const structure = await trx.from('opendata_public_structures').where({ dataset_id: locked.dataset_id, number: locked.structure_number }).select('fields').first()
    const locate = locatorOf((structure?.fields ?? []) as StructureField[])
    let header: string[] | null = null
    let batch: { version_id: number; row_number: number; data: string; lat: number | null; lon: number | null }[] = []
    let count = 0
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record
        continue
      }
      count++
      const data = Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']))
      const location = locate?.(data) ?? null
      batch.push({ version_id: versionId, row_number: count, data: JSON.stringify(data), lat: location?.lat ?? null, lon: location?.lon ?? null })
      if (batch.length >= BATCH) {
        await trx.table('opendata_public_rows').insert(batch)
        batch = []
      }
    }
    if (batch.length) await trx.table('opendata_public_rows').insert(batch)
    if (count !== Number(locked.row_count)) throw new Error(`Version ${versionId}: ${count} rows in the file, ${locked.row_count} announced`)
    if (hash.digest('hex') !== locked.sha256) throw new Error(`Version ${versionId}: the file's SHA-256 is not the one announced`)
    await trx.from('opendata_public_versions').where('id', versionId).update({ rows_loaded_at: new Date() })
    return { loaded: count }
  })
}
