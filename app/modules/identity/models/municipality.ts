import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * One of the region's municipalities (city okrugs and municipal districts),
 * provisioned from the region catalog into every tenant.
 */
export default class Municipality extends TenantModel {
  static table = 'municipalities'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare kind: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare adminCenterRu: string

  @column()
  declare adminCenterEn: string

  @column({ consume: (value) => Number(value) })
  declare lat: number

  @column({ consume: (value) => Number(value) })
  declare lon: number

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }

  /** The administrative centre (town or village) in the reader's language. */
  adminCenter(locale: string) {
    return locale === 'en' ? this.adminCenterEn : this.adminCenterRu
  }
}
