import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The central registry. Tenant roles get no access to the public schema:
 * a tenant connection that reaches for it fails with permission denied.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('revoke all on schema public from public')

    this.schema.createTable('tenants', (table) => {
      table.increments('id')
      table.string('slug', 31).notNullable().unique()
      table.string('kind', 16).notNullable()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.jsonb('hosts').notNullable().defaultTo('[]')
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('schema_name', 63).notNullable().unique()
      table.string('role_name', 63).notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table tenants add constraint tenants_kind_check check (kind in ('block', 'control', 'portal'))`)
    this.schema.raw(`alter table tenants add constraint tenants_status_check check (status in ('active', 'suspended'))`)
    this.schema.raw('create index tenants_hosts_index on tenants using gin (hosts jsonb_path_ops)')

    this.schema.createTable('central_audit_entries', (table) => {
      table.bigIncrements('id')
      table.string('actor', 255).notNullable()
      table.string('action', 64).notNullable()
      table.string('tenant_slug', 31).nullable()
      table.jsonb('details').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('central_audit_entries')
    this.schema.dropTable('tenants')
  }
}
