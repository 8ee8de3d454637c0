import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Personal planner: tasks and events (optionally recurring by an RFC 5545
 * RRULE), reminders, and one iCalendar feed token per user (hash only).
 *
 * series_ends_at is the end of the last occurrence ('infinity' for endless
 * series): with starts_at it bounds a series in time, so a range query reads
 * only the rows that can overlap the range.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('planner_items', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('kind', 8).notNullable()
      table.string('title', 500).notNullable()
      table.text('notes').nullable()
      table.boolean('all_day').notNullable().defaultTo(false)
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).nullable()
      table.timestamp('series_ends_at', { useTz: true }).notNullable()
      table.string('location', 500).nullable()
      table.string('rrule', 500).nullable()
      table.specificType('exdates', 'date[]').notNullable().defaultTo('{}')
      table.specificType('reminders', 'integer[]').notNullable().defaultTo('{}')
      table.timestamp('next_reminder_at', { useTz: true }).nullable()
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.integer('programme_event_id').nullable().references('id').inTable('programme_events').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table planner_items add constraint planner_items_kind_check check (kind in ('event', 'task'))`)
    // single items: a week is a short range scan by start (their length is capped)
    this.schema.raw('create index planner_items_single_index on planner_items (user_id, starts_at) where rrule is null')
    // recurring series: those still running at the range start
    this.schema.raw('create index planner_items_series_index on planner_items (user_id, series_ends_at) where rrule is not null')
    // the feed's change stamp (count, latest update) is an index-only scan
    this.schema.raw('create index planner_items_user_updated_index on planner_items (user_id, updated_at)')
    // delegated-task control reads items by order
    this.schema.raw('create index planner_items_order_index on planner_items (order_id) where order_id is not null')
    // the reminder job reads only the items whose next reminder has come
    this.schema.raw('create index planner_items_next_reminder_index on planner_items (next_reminder_at) where next_reminder_at is not null')

    // the planner reads a department head's order deadlines of one week (orders' own indexes
    // only find all of the department's executors)
    this.schema.raw('create index planner_order_executors_department_deadline_index on order_executors (department_id, deadline)')

    this.schema.createTable('planner_feed_tokens', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('planner_feed_tokens')
    this.schema.raw('drop index planner_order_executors_department_deadline_index')
    this.schema.dropTable('planner_items')
  }
}
