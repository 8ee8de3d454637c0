import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * On the portal: the orders bodies issued from a priority (told over the
 * bus), shown on the priority — the link back from the result to the order.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('priority_orders', (table) => {
      table.string('body', 64).notNullable()
      table.integer('order_id').notNullable()
      table.integer('priority_id').notNullable().references('id').inTable('priority_items')
      table.string('quarter', 7).notNullable()
      table.string('order_number', 64).notNullable()
      table.timestamp('issued_at', { useTz: true }).notNullable()
      table.primary(['body', 'order_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('priority_orders')
  }
}
