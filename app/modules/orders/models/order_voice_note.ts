import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import OrderAttachment from '#modules/orders/models/order_attachment'

/**
 * pending: queued or being retried; done: transcript ready; failed: every
 * attempt failed (the error is kept); not_configured: no speech-to-text
 * endpoint, the recording stays untranscribed.
 */
export type TranscriptStatus = 'pending' | 'done' | 'failed' | 'not_configured'

/**
 * A voice recording of an order and its transcription. The bytes are an
 * ordinary order attachment, so downloads and storage work the same way.
 */
export default class OrderVoiceNote extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare attachmentId: number

  @column()
  declare transcriptStatus: TranscriptStatus

  @column()
  declare transcript: string | null

  @column()
  declare transcriptError: string | null

  @column()
  declare transcriptAttempts: number

  @column.dateTime()
  declare transcribedAt: DateTime | null

  @column.dateTime()
  declare appliedAt: DateTime | null

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => OrderAttachment, { foreignKey: 'attachmentId' })
  declare attachment: BelongsTo<typeof OrderAttachment>

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare author: BelongsTo<typeof User>
}
