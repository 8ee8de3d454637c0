import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'

/**
 * A department (ministry, department, unit) of the tenant's office.
 */
export default class Department extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare parentId: number | null

  @column()
  declare isActive: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
