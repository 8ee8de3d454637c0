import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { withPassportColumns } from '#modules/opendata/models/passport_columns'

export { SUBJECTS, FREQUENCIES, type Subject, type Frequency } from '#modules/opendata/models/passport_columns'

/** Open licences a body may choose. */
export const LICENCES = ['cc-by-4.0', 'cc0-1.0', 'odc-by-1.0'] as const

/** A body's dataset: its passport; versions and structures live in their own tables. */
export default class Dataset extends withPassportColumns(TenantModel) {
  static table = 'opendata_datasets'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare identifier: string | null

  @column()
  declare currentVersion: number

  @column()
  declare currentStructure: number

  /** A generator's name (services/generated/) when the dataset is one a module generates; null for uploads. */
  @column()
  declare generator: string | null

  /** Null for a generated dataset (the refresh job created it). */
  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
