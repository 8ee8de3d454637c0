import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * The portal's copy of a body's official account: the portal user that
 * speaks for the body (no password, never signs in on the portal), created
 * and updated only by the body over the bus.
 */
export default class OfficialAccount extends TenantModel {
  static table = 'social_official_accounts'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare userId: number

  @column()
  declare bodySlug: string

  @column()
  declare bodyKind: 'block' | 'municipality'

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column.dateTime()
  declare publishedAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
