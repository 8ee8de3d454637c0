import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Open311 GeoReport v2 on the portal: API keys issued by admins (only a
 * hash is kept; each key reports as its own service account) and what a
 * client sent with a request beyond the problem itself (the citizen's
 * contact, the token) — never shown by the API's GET endpoints.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('problem_api_keys', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      table.string('key_hash', 64).notNullable().unique()
      table.string('key_prefix', 16).notNullable()
      table.integer('user_id').notNullable().references('id').inTable('users')
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('problem_open311_submissions', (table) => {
      table.integer('problem_id').primary().references('id').inTable('problems').onDelete('CASCADE')
      table.integer('api_key_id').notNullable().references('id').inTable('problem_api_keys')
      table.string('token', 64).notNullable().unique()
      table.string('email', 254).nullable()
      table.string('first_name', 120).nullable()
      table.string('last_name', 120).nullable()
      table.string('phone', 40).nullable()
      table.string('device_id', 120).nullable()
      table.string('account_id', 120).nullable()
      table.string('media_url', 1000).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    // GET requests.json: a status class within a date window, newest first.
    this.schema.raw(
      `create index problems_open311_status on problems ((status in ('resolved', 'confirmed')), created_at desc, id desc) where hidden_at is null`
    )
  }

  async down() {
    this.schema.raw('drop index if exists problems_open311_status')
    this.schema.dropTableIfExists('problem_open311_submissions')
    this.schema.dropTableIfExists('problem_api_keys')
  }
}
