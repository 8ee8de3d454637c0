import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'

/**
 * One entry of an order's append-only history: who changed what, when,
 * from which value to which (a database trigger forbids updates).
 */
export default class OrderActivity extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare actorId: number | null

  @column()
  declare action: string

  @column()
  declare field: string | null

  @column()
  declare oldValue: string | null

  @column()
  declare newValue: string | null

  @column({ prepare: (value) => JSON.stringify(value ?? {}) })
  declare details: Record<string, unknown>

  @column.dateTime()
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>
}
