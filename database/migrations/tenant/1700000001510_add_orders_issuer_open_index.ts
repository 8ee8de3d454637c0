import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The home page lists, for the issuer, the open orders that wait for their
 * decision (a report, an extension request) or are overdue: this partial
 * index reads exactly the issuer's open orders by deadline, however many
 * closed ones they issued before.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `create index orders_issuer_open_index on orders (issuer_id, deadline)
        where status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`
    )
  }

  async down() {
    this.schema.raw('drop index orders_issuer_open_index')
  }
}
