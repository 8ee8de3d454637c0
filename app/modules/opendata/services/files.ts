import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import drive from '@adonisjs/drive/services/main'
import { tenantScope } from '#tenancy/tenant_scope'

/** A body's uploads waiting for their structure live under `tenants/<slug>/opendata/uploads/`. */
export function uploadPrefix(slug = tenantScope.currentOrFail().slug) {
  return `tenants/${slug}/opendata/uploads/`
}

/** A body's published data files (normalized UTF-8 CSV) live under `tenants/<slug>/opendata/versions/`. */
export function versionPrefix(slug = tenantScope.currentOrFail().slug) {
  return `tenants/${slug}/opendata/versions/`
}

/** Keeps an uploaded table in Drive until its structure is confirmed; returns its key. */
export async function storeUpload(tmpPath: string, extname: 'csv' | 'xlsx') {
  const key = `${uploadPrefix()}${randomUUID()}.${extname}`
  await drive.use().putStream(key, createReadStream(tmpPath))
  return key
}

/** Runs `work` with a stored upload as a local file (the table reader reads paths), removed afterwards. */
export async function withLocalCopy<T>(key: string, work: (path: string) => Promise<T>) {
  const folder = await mkdtemp(join(tmpdir(), 'opendata-'))
  const path = join(folder, key.split('/').pop()!)
  try {
    // streamed to disk: a large table is never held in memory
    await pipeline(await drive.use().getStream(key), createWriteStream(path))
    return await work(path)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/**
 * Writes rows as an RFC 4180 CSV (UTF-8, no BOM, a header of the field
 * names) into Drive under the body's versions, counting bytes and the
 * SHA-256 as it goes; the values are written as they are (open data is not
 * rewritten for spreadsheets). `rows` may be an array (a generated dataset)
 * or an async iterable read as it is written (an upload of a million rows
 * streams through with flat memory); if it throws, the partial file is
 * removed and the error rethrown.
 */
export async function storeVersionCsv(header: string[], rows: AsyncIterable<string[]> | Iterable<string[]>) {
  const key = `${versionPrefix()}${randomUUID()}.csv`
  const hash = createHash('sha256')
  let size = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  const stored = drive.use().putStream(key, counter, { contentType: 'text/csv; charset=utf-8' })
  // a failure of the writer is seen at once (not only when the rows are done)
  let failure: unknown = null
  stored.catch((error) => (failure ??= error))
  // lines are joined by hand and written some 64 KB at a time (a stringifier per record is the slow part of a million rows)
  let chunk = csvLineOf(header)
  const flush = async () => {
    if (!counter.write(chunk)) await new Promise<void>((resolve) => counter.once('drain', resolve))
    chunk = ''
  }
  try {
    for await (const row of rows) {
      if (failure) throw failure
      chunk += csvLineOf(row)
      if (chunk.length >= 64 * 1024) await flush()
    }
    if (chunk) await flush()
    counter.end()
    await stored
  } catch (error) {
    counter.destroy()
    await stored.catch(() => {})
    await drive.use().delete(key).catch(() => {})
    throw error
  }
  return { key, size, sha256: hash.digest('hex') }
}

/** One RFC 4180 record and its CRLF: a field is quoted when it holds a comma, a quote or a line break (as csv-stringify does). */
function csvLineOf(values: string[]) {
  let line = ''
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? ''
    line += (index ? ',' : '') + (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  }
  return `${line}\r\n`
}

const VERSION_NAME = /^[0-9a-f-]{36}\.csv$/

/**
 * Copies a data file a body named in a bus message into the portal's folder
 * for that body (once). Only a key of the sender's own published versions
 * is accepted: a tenant cannot make the portal copy a third tenant's files.
 */
export async function copyVersionFileFrom(sender: string, key: string) {
  const allowed = versionPrefix(sender)
  const name = key.slice(allowed.length)
  if (!key.startsWith(allowed) || !VERSION_NAME.test(name)) throw new Error(`Open data file key outside ${allowed}`)
  const copy = `tenants/${tenantScope.currentOrFail().slug}/opendata/received/${sender}/${name}`
  const disk = drive.use()
  if (!(await disk.exists(copy))) await disk.copy(key, copy)
  return copy
}
