import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * A message for one user inside the app (assigned, report returned,
 * deadline in three days…), with a link to what it is about.
 */
export default class Notification extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: string

  @column()
  declare data: Record<string, unknown>

  @column()
  declare link: string | null

  @column()
  declare emailStatus: 'pending' | 'sent' | 'skipped' | 'failed'

  @column.dateTime()
  declare emailedAt: DateTime | null

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime()
  declare createdAt: DateTime
}
