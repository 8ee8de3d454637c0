import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export const ALERT_KINDS = ['drop', 'bottom_quartile'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/**
 * A warning raised by an observation: the region lost N places or entered
 * the bottom quartile. It may turn into an order to the responsible department.
 */
export default class RatingAlert extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare observationId: number

  @column()
  declare editionId: number

  @column()
  declare kind: AlertKind

  @column()
  declare rank: number

  @column()
  declare previousRank: number | null

  @column()
  declare orderId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
