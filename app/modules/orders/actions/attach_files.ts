import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderAttachment from '#modules/orders/models/order_attachment'
import { recordActivity } from '#modules/orders/services/order_history'

/**
 * Stores uploaded files and records them on the order. Files are written
 * first; if recording them fails, the written files are removed again, and
 * nothing that was saved before is touched.
 */
export class AttachFiles {
  async handle(order: Order, files: MultipartFile[], actor: User) {
    const disk = drive.use()
    const slug = tenantScope.currentOrFail().slug
    const written: { key: string; file: MultipartFile }[] = []
    try {
      for (const file of files) {
        const key = `tenants/${slug}/orders/${order.id}/${randomUUID()}.${file.extname ?? 'bin'}`
        await file.moveToDisk(key, disk)
        written.push({ key, file })
      }
      return await tenantDb().transaction(async (trx) => {
        const attachments = await OrderAttachment.createMany(
          written.map(({ key, file }) => ({
            orderId: order.id,
            fileName: file.clientName.slice(0, 255),
            storageKey: key,
            mimeType: `${file.type ?? 'application'}/${file.subtype ?? 'octet-stream'}`,
            size: file.size,
            uploadedBy: actor.id,
          })),
          { client: trx }
        )
        await recordActivity(trx, order.id, actor.id, 'files_attached', [], { files: attachments.map((item) => item.fileName) })
        return attachments
      })
    } catch (error) {
      await Promise.all(written.map(({ key }) => disk.delete(key).catch(() => {})))
      throw error
    }
  }
}
