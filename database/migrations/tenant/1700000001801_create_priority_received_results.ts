import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In a municipality: the sealed priority ranks of its residents as the
 * portal sent them over the bus (one row per portal, quarter, version and
 * priority; counts only), and the order the administration issued from a
 * priority, if any — the link from the result to the order.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('priority_received_results', (table) => {
      table.string('portal', 64).notNullable()
      table.string('quarter', 7).notNullable()
      table.integer('version').notNullable()
      table.integer('priority_id').notNullable()
      table.string('title', 300).notNullable()
      table.string('level', 16).notNullable()
      table.integer('rank').notNullable()
      table.integer('previous_rank').nullable()
      table.integer('votes').notNullable()
      table.string('ballot_file_sha256', 64).notNullable()
      table.text('reason').nullable()
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.primary(['portal', 'quarter', 'version', 'priority_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('priority_received_results')
  }
}
