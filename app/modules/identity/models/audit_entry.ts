import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * One privileged action in a tenant: who did what, when and from where.
 * Rows are only ever inserted.
 */
export default class AuditEntry extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare actorId: number | null

  @column()
  declare actorEmail: string | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column({ prepare: (value) => JSON.stringify(value ?? {}) })
  declare details: Record<string, unknown>

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column.dateTime()
  declare createdAt: DateTime
}
