import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** The body as the publisher of its datasets (one row): its INN names every identifier. */
export default class PublisherProfile extends TenantModel {
  static table = 'opendata_publisher_profiles'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare inn: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare responsiblePerson: string

  @column()
  declare phone: string

  @column()
  declare email: string

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
