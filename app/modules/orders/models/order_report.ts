import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import User from '#modules/identity/models/user'

/**
 * An execution report: accepted, or returned for rework with a comment.
 */
export default class OrderReport extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare authorId: number

  @column()
  declare text: string

  @column.date(dateOnly)
  declare completedOn: DateTime | null

  @column()
  declare status: 'submitted' | 'accepted' | 'returned'

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare reviewComment: string | null

  /** For a report or request that crossed tenants: the other tenant and its id there. */
  @column()
  declare remoteTenant: string | null

  @column()
  declare remoteId: number | null

  /** The executor (of this tenant's order) it came from, when it came from another tenant. */
  @column()
  declare executorId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>
}
