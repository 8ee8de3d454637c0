import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { ServiceChannel } from '#modules/service_ratings/models/body_service'

/**
 * The portal's copy of a body's service: what the body last published
 * (replaced by each publication) and whether the portal's admins hid it
 * (kept across publications). Citizens rate only a service that is active
 * on both sides.
 */
export default class RatedService extends TenantModel {
  static table = 'service_ratings_services'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare bodySlug: string

  @column()
  declare bodyKind: 'block' | 'municipality'

  @column()
  declare bodyNameRu: string

  @column()
  declare bodyNameEn: string

  @column()
  declare code: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare departmentCode: string

  @column()
  declare channel: ServiceChannel

  @column()
  declare publishedActive: boolean

  @column()
  declare adminHidden: boolean

  @column.dateTime()
  declare publishedAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isActive() {
    return this.publishedActive && !this.adminHidden
  }

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }

  bodyName(locale: string) {
    return locale === 'en' ? this.bodyNameEn : this.bodyNameRu
  }
}
