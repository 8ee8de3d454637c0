import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'

/** The topics a dataset is filed under (the catalogue's facet). */
export const SUBJECTS = ['economy', 'education', 'health', 'transport', 'environment', 'culture', 'social', 'government', 'housing', 'other'] as const
export type Subject = (typeof SUBJECTS)[number]

/** How often a dataset is updated (methodology 3.0: the passport states it). */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/** Open licences a body may choose. */
export const LICENCES = ['cc-by-4.0', 'cc0-1.0', 'odc-by-1.0'] as const

/** A body's dataset: its passport; versions and structures live in their own tables. */
export default class Dataset extends TenantModel {
  static table = 'opendata_datasets'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare titleRu: string

  @column()
  declare titleEn: string

  @column()
  declare descriptionRu: string

  @column()
  declare descriptionEn: string

  @column()
  declare subject: Subject

  @column()
  declare keywords: string

  @column()
  declare licence: string

  @column()
  declare frequency: Frequency

  @column()
  declare provenance: string | null

  @column.date(dateOnly)
  declare validUntil: DateTime | null

  @column()
  declare identifier: string | null

  @column()
  declare currentVersion: number

  @column()
  declare currentStructure: number

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
