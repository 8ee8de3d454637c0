import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { withPassportColumns } from '#modules/opendata/models/passport_columns'

/** The portal's copy of a published dataset's passport: only what the body sent over the bus. */
export default class PublicDataset extends withPassportColumns(TenantModel) {
  static table = 'opendata_public_datasets'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare identifier: string

  @column()
  declare originTenant: string

  @column()
  declare originDatasetId: number

  @column()
  declare publisherId: number

  @column()
  declare currentVersion: number

  @column.dateTime()
  declare createdAt: DateTime

  @column.dateTime()
  declare modifiedAt: DateTime

  title(locale: string) {
    return locale === 'en' ? this.titleEn : this.titleRu
  }

  description(locale: string) {
    return locale === 'en' ? this.descriptionEn : this.descriptionRu
  }
}
