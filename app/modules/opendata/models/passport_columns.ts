import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'

/** The topics a dataset is filed under (the catalogue's facet). */
export const SUBJECTS = ['economy', 'education', 'health', 'transport', 'environment', 'culture', 'social', 'government', 'housing', 'other'] as const
export type Subject = (typeof SUBJECTS)[number]

/** How often a dataset is updated (methodology 3.0: the passport states it). */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/**
 * The passport of a dataset as both sides keep it — the body's own and the
 * portal's copy of what the body published: titles and descriptions in two
 * languages, subject, keywords, licence, update frequency, provenance and
 * validity.
 */
export function withPassportColumns<Model extends NormalizeConstructor<typeof TenantModel>>(superclass: Model) {
  class PassportColumns extends superclass {
    @column()
    declare titleRu: string

    @column()
    declare titleEn: string

    @column()
    declare descriptionRu: string

    @column()
    declare descriptionEn: string

    @column()
    declare subject: Subject

    @column()
    declare keywords: string

    @column()
    declare licence: string

    @column()
    declare frequency: Frequency

    @column()
    declare provenance: string | null

    @column.date(dateOnly)
    declare validUntil: DateTime | null

    /** When a generated dataset was last found current without a new version (see freshness). */
    @column.dateTime()
    declare confirmedAt: DateTime | null

    /** From when the dataset's freshness counts: the later of its latest version and a confirmation. */
    currentAsOf(latestVersionAt: DateTime | Date | null): DateTime | null {
      const version = latestVersionAt instanceof Date ? DateTime.fromJSDate(latestVersionAt) : latestVersionAt
      if (!version || !this.confirmedAt) return version ?? this.confirmedAt ?? null
      return version > this.confirmedAt ? version : this.confirmedAt
    }
  }
  return PassportColumns
}
