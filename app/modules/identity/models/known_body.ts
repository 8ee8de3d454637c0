import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import KnownDepartment from '#modules/identity/models/known_department'

/**
 * The portal's copy of a body (a block or a municipality) as the body last
 * published itself over the bus (`directory.published`). The portal never
 * reads a body's schema: this table is all it knows.
 */
export default class KnownBody extends TenantModel {
  static table = 'known_bodies'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare slug: string

  @column()
  declare kind: 'block' | 'municipality'

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column.dateTime()
  declare publishedAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => KnownDepartment, { foreignKey: 'bodySlug', localKey: 'slug' })
  declare departments: HasMany<typeof KnownDepartment>

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
