import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { ServiceBase, type ServiceChannel } from '#modules/service_ratings/models/service_base'

/**
 * The portal's copy of a body's service: what the body last published
 * (replaced by each publication) and whether the portal's admins hid it
 * (kept across publications). Citizens rate only a service that is active
 * on both sides.
 */
export default class RatedService extends ServiceBase {
  static table = 'service_ratings_services'

  @column()
  declare bodySlug: string

  @column()
  declare bodyKind: 'block' | 'municipality'

  @column()
  declare bodyNameRu: string

  @column()
  declare bodyNameEn: string

  @column()
  declare publishedActive: boolean

  @column()
  declare adminHidden: boolean

  @column.dateTime()
  declare publishedAt: DateTime

  /** What the body last published (name_ru/name_en/channel show the portal admins' correction, if any). */
  @column()
  declare publishedNameRu: string | null

  @column()
  declare publishedNameEn: string | null

  @column()
  declare publishedChannel: ServiceChannel | null

  /** A portal admin's correction, kept over the body's later publications (null: none). */
  @column()
  declare correctionNameRu: string | null

  @column()
  declare correctionNameEn: string | null

  @column()
  declare correctionChannel: ServiceChannel | null

  @column.dateTime()
  declare correctedAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isCorrected() {
    return !!(this.correctionNameRu || this.correctionNameEn || this.correctionChannel)
  }

  /**
   * Applies what the body published and keeps the admins' correction on top:
   * the shown names and channel are the correction where there is one.
   */
  applyPublished(published: { nameRu: string; nameEn: string; channel: ServiceChannel }) {
    this.publishedNameRu = published.nameRu
    this.publishedNameEn = published.nameEn
    this.publishedChannel = published.channel
    this.nameRu = this.correctionNameRu ?? published.nameRu
    this.nameEn = this.correctionNameEn ?? published.nameEn
    this.channel = this.correctionChannel ?? published.channel
  }

  /** A portal admin's correction: a value equal to the body's own is no correction. */
  correct(values: { nameRu: string; nameEn: string; channel: ServiceChannel }, at: DateTime) {
    const published = { nameRu: this.publishedNameRu ?? this.nameRu, nameEn: this.publishedNameEn ?? this.nameEn, channel: this.publishedChannel ?? this.channel }
    this.correctionNameRu = values.nameRu === published.nameRu ? null : values.nameRu
    this.correctionNameEn = values.nameEn === published.nameEn ? null : values.nameEn
    this.correctionChannel = values.channel === published.channel ? null : values.channel
    this.correctedAt = this.isCorrected ? at : null
    this.applyPublished(published)
  }

  get isActive() {
    return this.publishedActive && !this.adminHidden
  }

  bodyName(locale: string) {
    return locale === 'en' ? this.bodyNameEn : this.bodyNameRu
  }
}
