import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In-app notifications of every module. A dedupe key makes a notification
 * idempotent for jobs that may run twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('kind', 48).notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.string('link', 500).nullable()
      table.string('dedupe_key', 200).nullable().unique()
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['user_id', 'read_at'])
    })
  }

  async down() {
    this.schema.dropTable('notifications')
  }
}
