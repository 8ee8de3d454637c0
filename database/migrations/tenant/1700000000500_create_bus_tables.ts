import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The tenant bus: messages this tenant sends (outbox, written in the same
 * transaction as the business change) and messages it receives (inbox,
 * written by the relay under the bus role). Both are keyed by the message id,
 * which makes delivery and application idempotent. The provisioner grants the
 * bus role INSERT/SELECT on bus_inbox and nothing else.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('bus_outbox', (table) => {
      table.uuid('id').primary()
      table.string('type', 100).notNullable()
      table.string('source_tenant', 31).notNullable()
      table.string('target_tenant', 31).notNullable()
      table.jsonb('payload').notNullable().defaultTo('{}')
      table.uuid('correlation_id').nullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(this.raw('clock_timestamp()'))
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('clock_timestamp()'))
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.index(['correlation_id'])
    })
    this.schema.raw(`alter table bus_outbox add constraint bus_outbox_status_check check (status in ('pending', 'delivered', 'failed'))`)
    // the relay and the sweep look only at what is due; delivered rows stay out of the index
    this.schema.raw(`create index bus_outbox_due_index on bus_outbox (next_attempt_at) where status = 'pending'`)

    this.schema.createTable('bus_inbox', (table) => {
      table.uuid('id').primary()
      table.string('type', 100).notNullable()
      table.string('source_tenant', 31).notNullable()
      table.string('target_tenant', 31).notNullable()
      table.jsonb('payload').notNullable().defaultTo('{}')
      table.uuid('correlation_id').nullable()
      table.timestamp('sent_at', { useTz: true }).notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(this.raw('clock_timestamp()'))
      table.timestamp('received_at', { useTz: true }).notNullable().defaultTo(this.raw('clock_timestamp()'))
      table.timestamp('applied_at', { useTz: true }).nullable()
      table.index(['correlation_id'])
    })
    this.schema.raw(`alter table bus_inbox add constraint bus_inbox_status_check check (status in ('pending', 'applied', 'failed'))`)
    this.schema.raw(`create index bus_inbox_due_index on bus_inbox (next_attempt_at) where status = 'pending'`)
  }

  async down() {
    this.schema.dropTable('bus_inbox')
    this.schema.dropTable('bus_outbox')
  }
}
