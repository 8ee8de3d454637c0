import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A subject community: a thematic group with expert moderators; its posts are publications. */
export default class Community extends TenantModel {
  static table = 'social_communities'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare title: string

  @column()
  declare subjectCode: string

  @column()
  declare description: string

  @column()
  declare createdBy: number | null

  @column()
  declare membersCount: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
