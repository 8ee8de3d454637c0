import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A department of a known body, as the body published it (see KnownBody). */
export default class KnownDepartment extends TenantModel {
  static table = 'known_departments'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare bodySlug: string

  @column()
  declare code: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare isActive: boolean

  /** At least one active person works in it. */
  @column()
  declare staffed: boolean

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
