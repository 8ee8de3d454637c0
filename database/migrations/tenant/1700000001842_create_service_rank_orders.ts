import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * On the portal: the orders a Department of Control issued from a service
 * rank alert (told over the bus), shown next to the body on the public
 * ranking — the link back from the ranking to the order.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('service_rank_orders', (table) => {
      table.string('control', 64).notNullable()
      table.integer('order_id').notNullable()
      table.date('month').notNullable()
      table.string('body_slug', 64).notNullable()
      table.string('order_number', 64).notNullable()
      table.timestamp('issued_at', { useTz: true }).notNullable()
      table.primary(['control', 'order_id'])
      table.index(['month', 'body_slug'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('service_rank_orders')
  }
}
