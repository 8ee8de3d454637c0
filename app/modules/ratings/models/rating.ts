import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'

export const RATING_PERIODICITIES = ['monthly', 'quarterly', 'yearly', 'other'] as const
export type RatingPeriodicity = (typeof RATING_PERIODICITIES)[number]

/**
 * A federal rating of the regions (Decree 1014 indicators, ASI investment
 * climate, RIA socio-economic position, media ratings…), published in editions.
 */
export default class Rating extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare title: string

  @column()
  declare publisher: string | null

  @column()
  declare periodicity: RatingPeriodicity

  /** An alert fires when an indicator loses at least this many places. */
  @column()
  declare alertDropPlaces: number

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => RatingEdition)
  declare editions: HasMany<typeof RatingEdition>

  @hasMany(() => RatingIndicator)
  declare indicators: HasMany<typeof RatingIndicator>
}
