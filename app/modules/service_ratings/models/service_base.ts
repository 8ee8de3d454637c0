import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export const SERVICE_CHANNELS = ['mfc', 'online', 'office'] as const
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number]

/**
 * What a service is on both sides of the bus — the body's catalogue entry
 * (BodyService) and the portal's copy of it (RatedService): code, names,
 * the providing department and the channel. Not a table of its own: each
 * subclass names its table and adds its columns (Lucid copies these
 * definitions into every subclass).
 */
export class ServiceBase extends TenantModel {
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

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
