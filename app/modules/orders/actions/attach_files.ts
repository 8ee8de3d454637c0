import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderAttachment from '#modules/orders/models/order_attachment'
import { recordActivity } from '#modules/orders/services/order_history'

/** The real type and extension when the caller sniffed the bytes (voice). */
export type TypeOf = (file: MultipartFile) => { mimeType: string; extname: string }

interface StoredFile {
  key: string
  file: MultipartFile
}

/**
 * Writes the uploaded files of an order to Drive, then runs `record` (which
 * records them in the database). If anything fails the written files are
 * removed again; nothing saved before is touched.
 */
export async function withStoredFiles<T>(
  order: Order,
  files: MultipartFile[],
  record: (stored: StoredFile[]) => Promise<T>,
  typeOf?: TypeOf
) {
  const disk = drive.use()
  const slug = tenantScope.currentOrFail().slug
  const written: StoredFile[] = []
  try {
    for (const file of files) {
      const extname = typeOf?.(file).extname ?? file.extname ?? 'bin'
      const key = `tenants/${slug}/orders/${order.id}/${randomUUID()}.${extname}`
      await file.moveToDisk(key, disk)
      written.push({ key, file })
    }
    return await record(written)
  } catch (error) {
    await Promise.all(written.map(({ key }) => disk.delete(key).catch(() => {})))
    throw error
  }
}

/** Attachment rows for stored files, in the caller's transaction; `reportId` ties them to a report. */
export function recordAttachments(
  trx: TransactionClientContract,
  order: Order,
  stored: StoredFile[],
  actor: User,
  options: { reportId?: number; typeOf?: TypeOf } = {}
) {
  return OrderAttachment.createMany(
    stored.map(({ key, file }) => ({
      orderId: order.id,
      reportId: options.reportId ?? null,
      fileName: file.clientName.slice(0, 255),
      storageKey: key,
      mimeType: options.typeOf?.(file).mimeType ?? `${file.type ?? 'application'}/${file.subtype ?? 'octet-stream'}`,
      size: file.size,
      uploadedBy: actor.id,
    })),
    { client: trx }
  )
}

export interface AttachOptions<T> {
  typeOf?: TypeOf
  /** Rows that belong with the attachments, written in the same transaction. */
  alsoRecord?: (trx: TransactionClientContract, attachments: OrderAttachment[]) => Promise<T>
}

/**
 * Files added to an order (documents, photos, recordings) outside a report.
 */
export class AttachFiles {
  async handle<T = void>(order: Order, files: MultipartFile[], actor: User, options: AttachOptions<T> = {}) {
    return withStoredFiles(
      order,
      files,
      (stored) =>
        tenantDb().transaction(async (trx) => {
          const attachments = await recordAttachments(trx, order, stored, actor, { typeOf: options.typeOf })
          await recordActivity(trx, order.id, actor.id, 'files_attached', [], { files: attachments.map((item) => item.fileName) })
          const recorded = options.alsoRecord ? await options.alsoRecord(trx, attachments) : (undefined as T)
          return Object.assign(attachments, { recorded })
        }),
      options.typeOf
    )
  }
}
