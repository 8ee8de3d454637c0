import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { UploadError } from '#core/uploads/upload_error'
import { clientExtname } from '#core/uploads/table_file'
import { UPLOAD_LIMITS } from '#core/uploads/limits'

export type ImportRunStatus = 'queued' | 'checking' | 'writing' | 'done' | 'failed'

export interface ImportRun {
  id: number
  kind: string
  status: ImportRunStatus
  file_name: string
  options: Record<string, unknown>
  rows_checked: number
  rows_written: number
  report: any
  error: string | null
  created_by: number | null
}

/** Whether an upload is large enough to be checked and written by a background job. */
export function runsInBackground(file: MultipartFile) {
  return file.size > UPLOAD_LIMITS.backgroundBytes
}

/**
 * Keeps an uploaded import file in Drive (the worker may run on another
 * machine) and records the run; the module then dispatches its job with
 * the run's id.
 */
export async function queueImportRun(kind: string, file: MultipartFile, options: Record<string, unknown>, userId: number) {
  const key = `tenants/${tenantScope.currentOrFail().slug}/imports/${randomUUID()}.${clientExtname(file)}`
  await drive.use().putStream(key, createReadStream(file.tmpPath!))
  const [row] = await tenantDb()
    .table('upload_imports')
    .insert({ kind, file_key: key, file_name: file.clientName, options: JSON.stringify(options), created_by: userId, created_at: new Date(), updated_at: new Date() })
    .returning('id')
  return Number(row.id ?? row)
}

export async function findImportRun(id: unknown): Promise<ImportRun | null> {
  if (!/^\d+$/.test(String(id))) return null
  return (await tenantDb().from('upload_imports').where('id', Number(id)).first()) ?? null
}

/** Where the work stands, reported by the import as it goes. */
export type RunProgress = (progress: { checked: number; written: number; writing: boolean }) => Promise<void>

/**
 * Runs one queued import: claims it (a duplicate job finds nothing to do),
 * copies the file from Drive to a temporary file, lets `work` check and
 * write it while it reports progress, then stores the report. A file that
 * cannot be used ends the run as failed with `describe(error)`; the stored
 * file is removed either way.
 */
export async function runImport(
  id: number,
  work: (run: ImportRun, file: { path: string; extname: string }, progress: RunProgress) => Promise<unknown>,
  describe: (run: ImportRun, error: UploadError) => string
) {
  const db = tenantDb()
  const claimed = (await db.rawQuery(`update upload_imports set status = 'checking', updated_at = now() where id = ? and status = 'queued' returning *`, [id])).rows[0] as
    | ImportRun
    | undefined
  if (!claimed) return { skipped: true }
  const key = (claimed as any).file_key as string
  const extname = key.split('.').pop() ?? ''
  const path = join(tmpdir(), `krai-import-${randomUUID()}.${extname}`)
  const update = (values: Record<string, unknown>) => db.from('upload_imports').where('id', id).update({ ...values, updated_at: new Date() })
  try {
    await pipeline(await drive.use().getStream(key), createWriteStream(path))
    const report = await work(claimed, { path, extname }, (progress) =>
      update({ rows_checked: progress.checked, rows_written: progress.written, status: progress.writing ? 'writing' : 'checking' }).then(() => undefined)
    )
    await update({ status: 'done', report: JSON.stringify(report) })
    return { done: id }
  } catch (error) {
    if (!(error instanceof UploadError)) {
      await update({ status: 'failed', error: (error as Error).message.slice(0, 2000) })
      throw error
    }
    await update({ status: 'failed', error: describe(claimed, error) })
    return { failed: id }
  } finally {
    await rm(path, { force: true })
    await drive.use().delete(key).catch(() => {})
    await update({ file_key: null })
  }
}
