import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A tenant is `provisioning` until every migration ran (never served), and
 * municipalities are a tenant kind of their own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('alter table tenants drop constraint tenants_status_check')
    this.schema.raw(`alter table tenants add constraint tenants_status_check check (status in ('provisioning', 'active', 'suspended'))`)
    this.schema.raw('alter table tenants drop constraint tenants_kind_check')
    this.schema.raw(`alter table tenants add constraint tenants_kind_check check (kind in ('block', 'control', 'portal', 'municipality'))`)
  }

  async down() {
    this.schema.raw('alter table tenants drop constraint tenants_kind_check')
    this.schema.raw(`alter table tenants add constraint tenants_kind_check check (kind in ('block', 'control', 'portal'))`)
    this.schema.raw('alter table tenants drop constraint tenants_status_check')
    this.schema.raw(`alter table tenants add constraint tenants_status_check check (status in ('active', 'suspended'))`)
  }
}
