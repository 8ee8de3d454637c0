import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'

/**
 * One entry of the append-only staffing history: who changed what, when,
 * old → new. The table refuses updates and deletes.
 */
export default class StaffingChange extends TenantModel {
  static table = 'staffing_history'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare departmentId: number

  @column()
  declare positionId: number | null

  @column()
  declare staffId: number | null

  @column()
  declare action: string

  @column()
  declare field: string | null

  @column()
  declare oldValue: string | null

  @column()
  declare newValue: string | null

  @column()
  declare actorId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>
}
