import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The home page lists, for the issuer, their open orders gone overdue and
 * the ones that wait for their decision (a report, an extension request):
 * two partial indexes read exactly those by deadline, however many closed
 * orders the issuer signed before. One index for both lets PostgreSQL AND
 * it with the status index, reading every awaiting order of the office.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `create index orders_issuer_open_index on orders (issuer_id, deadline)
        where status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`
    )
    this.schema.raw(`create index orders_issuer_awaiting_index on orders (issuer_id, deadline) where status in ('report_submitted', 'extension_requested')`)
  }

  async down() {
    this.schema.raw('drop index orders_issuer_awaiting_index')
    this.schema.raw('drop index orders_issuer_open_index')
  }
}
