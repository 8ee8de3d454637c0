import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A decision on a remark may need work outside the text (a street to
 * survey, a regulation of another body to change): the developer gives an
 * order with it, and the remark keeps the order, as an initiative's case does.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('lawmaking_received_remarks', (table) => {
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('lawmaking_received_remarks', (table) => {
      table.dropColumn('order_id')
    })
  }
}
