import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * An RSS 2.0 or Atom feed of an outlet, pulled on a schedule; the last
 * outcome (items added or the error) is kept for the people who set it up.
 */
export default class MediaFeed extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare title: string

  @column()
  declare url: string

  @column()
  declare outlet: string

  @column()
  declare topic: string | null

  @column()
  declare isActive: boolean

  @column.dateTime()
  declare lastFetchedAt: DateTime | null

  @column()
  declare lastAdded: number

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare lastErrorAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
