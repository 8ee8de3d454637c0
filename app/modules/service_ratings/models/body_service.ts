import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export const SERVICE_CHANNELS = ['mfc', 'online', 'office'] as const
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number]

/** A service a body (block or municipality) provides, as the body keeps it; published to the portal over the bus. */
export default class BodyService extends TenantModel {
  static table = 'service_catalogue'

  @column({ isPrimary: true })
  declare id: number

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
  declare isActive: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
