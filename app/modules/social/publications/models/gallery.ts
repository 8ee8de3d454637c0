import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** An album of photos with captions and places. Post-moderated: each photo may be hidden by moderators. */
export default class Gallery extends TenantModel {
  static table = 'social_galleries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare authorId: number | null

  @column()
  declare title: string

  @column()
  declare description: string

  @column()
  declare subjectCode: string | null

  @column()
  declare municipalityCode: string | null

  @column()
  declare photosCount: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
