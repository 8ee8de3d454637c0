import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import User from '#modules/identity/models/user'


/**
 * An executor's request for a later deadline, with its justification and
 * the issuer's decision.
 */
export default class OrderExtensionRequest extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare requestedBy: number

  @column()
  declare justification: string

  @column.date(dateOnly)
  declare currentDeadline: DateTime | null

  @column.date(dateOnly)
  declare requestedDeadline: DateTime

  @column()
  declare status: 'pending' | 'approved' | 'rejected'

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare decisionComment: string | null

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

  @belongsTo(() => User, { foreignKey: 'requestedBy' })
  declare requester: BelongsTo<typeof User>
}
