import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tenant placement: the PostgreSQL server a tenant's schema lives on, null
 * for the default server (DB_HOST / DB_POOL_HOST). Only the default server
 * is used today; the column is there so that, past one server, tenants can
 * be spread over several without changing the registry's shape.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.text('database_server').nullable()
    })
    this.schema.raw(
      `comment on column tenants.database_server is 'PostgreSQL server of the tenant''s schema; null = the default server (the only one used today)'`
    )
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('database_server')
    })
  }
}
