import { DateTime } from 'luxon'
import { column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import Department from '#modules/identity/models/department'

export const MEDIA_TONES = ['positive', 'neutral', 'negative'] as const
export type MediaTone = (typeof MEDIA_TONES)[number]

/**
 * A publication in the mass media about the region: entered by hand,
 * imported, or pulled from a feed. The URL identifies it (unique).
 */
export default class MediaItem extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare outlet: string

  @column.dateTime()
  declare publishedAt: DateTime

  @column()
  declare title: string

  @column()
  declare url: string

  @column()
  declare topic: string | null

  @column()
  declare tone: MediaTone

  @column()
  declare source: 'manual' | 'csv' | 'feed'

  @column()
  declare feedId: number | null

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @manyToMany(() => Department, { pivotTable: 'media_item_departments', pivotForeignKey: 'media_item_id' })
  declare departments: ManyToMany<typeof Department>
}
