import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Identity module: departments, municipalities (the region catalog each
 * tenant works with), users, API tokens and the audit log.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('departments', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.integer('parent_id').nullable().references('id').inTable('departments').onDelete('SET NULL')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('municipalities', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('kind', 32).notNullable()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.string('admin_center_ru', 255).notNullable()
      table.string('admin_center_en', 255).notNullable()
      table.decimal('lat', 9, 6).notNullable()
      table.decimal('lon', 9, 6).notNullable()
    })

    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable()
      table.string('full_name', 255).notNullable()
      table.string('password', 255).nullable()
      table.string('role', 32).notNullable()
      table.integer('department_id').nullable().references('id').inTable('departments').onDelete('SET NULL')
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('locale', 5).nullable()
      table.string('invite_token_hash', 64).nullable()
      table.timestamp('invite_expires_at', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw('create unique index users_email_unique on users (lower(email))')
    this.schema.raw('create index users_department_index on users (department_id)')
    this.schema.raw(`alter table users add constraint users_status_check check (status in ('invited', 'active', 'deactivated'))`)

    this.schema.createTable('auth_access_tokens', (table) => {
      table.increments('id')
      table.integer('tokenable_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('type').notNullable()
      table.string('name').nullable()
      table.string('hash').notNullable()
      table.text('abilities').notNullable()
      table.timestamp('created_at', { useTz: true })
      table.timestamp('updated_at', { useTz: true })
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.index(['tokenable_id'])
    })

    this.schema.createTable('audit_entries', (table) => {
      table.bigIncrements('id')
      table.integer('actor_id').nullable()
      table.string('actor_email', 254).nullable()
      table.string('action', 64).notNullable()
      table.string('subject_type', 64).nullable()
      table.string('subject_id', 64).nullable()
      table.jsonb('details').notNullable().defaultTo('{}')
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('audit_entries')
    this.schema.dropTable('auth_access_tokens')
    this.schema.dropTable('users')
    this.schema.dropTable('municipalities')
    this.schema.dropTable('departments')
  }
}
