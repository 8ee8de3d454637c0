import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Rating from '#modules/ratings/models/rating'

/**
 * One published edition of a rating: the period it covers, when it came out,
 * the methodology and how many regions were ranked.
 */
export default class RatingEdition extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare ratingId: number

  @column()
  declare period: string

  @column.date(dateOnly)
  declare publishedOn: DateTime

  @column()
  declare methodologyVersion: string | null

  @column()
  declare regionsCount: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Rating)
  declare rating: BelongsTo<typeof Rating>
}
