import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A tenant's own meaning of deadline keywords («срочно» = N working days…).
 * A keyword without a row keeps the regional default.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('orders_deadline_rules', (table) => {
      table.string('keyword', 16).primary()
      table.jsonb('rule').notNullable()
      table.integer('updated_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('orders_deadline_rules')
  }
}
