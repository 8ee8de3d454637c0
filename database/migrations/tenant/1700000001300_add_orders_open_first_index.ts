import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Order lists show open orders first, then closed ones, each by deadline
 * then newest: this index matches that order, so the first page is still
 * read in index order (bench/orders: my orders of a department head).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`create index orders_open_first_index on orders ((status in ('accepted', 'removed')), deadline, id desc)`)
  }

  async down() {
    this.schema.raw('drop index orders_open_first_index')
  }
}
