import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

const decimal = { consume: (value: string | null) => (value === null ? null : Number(value)) }

/**
 * The region's figures for one indicator in one edition. A shared place
 * ("5–6") is stored as its best place with `rankShared`.
 */
export default class RatingObservation extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare editionId: number

  @column()
  declare indicatorId: number

  @column(decimal)
  declare value: number | null

  @column(decimal)
  declare score: number | null

  @column()
  declare rank: number

  @column()
  declare rankShared: boolean

  @column()
  declare districtRank: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
