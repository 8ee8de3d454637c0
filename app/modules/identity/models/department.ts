import { DateTime } from 'luxon'
import { column, hasMany, afterSave, afterDelete } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import { forgetDashboardSummary } from '#modules/identity/builders/dashboard_summary'

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

  /** The dashboard counts people per department (builders/dashboard_summary.ts). */
  @afterSave()
  static forgetSummaryAfterSave() {
    forgetDashboardSummary()
  }

  @afterDelete()
  static forgetSummaryAfterDelete() {
    forgetDashboardSummary()
  }

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
