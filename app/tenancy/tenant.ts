import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { type TenantKind, type TenantStatus } from '#tenancy/naming'

/**
 * A row of the central tenant registry (public.tenants). The registry is the
 * only thing the central schema holds about a tenant.
 */
export default class Tenant extends BaseModel {
  static table = 'tenants'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare slug: string

  @column()
  declare kind: TenantKind

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column({
    prepare: (value: string[]) => JSON.stringify(value ?? []),
  })
  declare hosts: string[]

  @column()
  declare status: TenantStatus

  @column()
  declare schemaName: string

  @column()
  declare roleName: string

  /**
   * The PostgreSQL server holding the tenant's schema; null for the default
   * server. Only the default server is used today (docs/tenancy.md, "Scaling").
   */
  @column()
  declare databaseServer: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isActive() {
    return this.status === 'active'
  }

  /** The tenant's display name in the given locale. */
  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
