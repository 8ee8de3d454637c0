import { readFileSync } from 'node:fs'
import { BaseSchema } from '@adonisjs/lucid/schema'

/** The shipped production calendar (2025–2027); admins edit the tenant's copy. */
function productionCalendarRows() {
  const data = JSON.parse(readFileSync(new URL('../../data/production_calendar.json', import.meta.url), 'utf8'))
  const rows: { day: string; kind: string }[] = []
  for (const year of Object.values(data.years) as { holidays: string[]; workingWeekends: string[] }[]) {
    rows.push(...year.holidays.map((day) => ({ day, kind: 'holiday' })))
    rows.push(...year.workingWeekends.map((day) => ({ day, kind: 'working_weekend' })))
  }
  return rows
}

/**
 * Orders control (поручения): orders with their breakdown tree, executors,
 * extension requests, reports, attachments, the append-only activity
 * history and the tenant's working-day calendar.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('orders_calendar_days', (table) => {
      table.date('day').primary()
      table.string('kind', 16).notNullable()
      table.string('note', 255).nullable()
    })
    this.schema.raw(`alter table orders_calendar_days add constraint orders_calendar_days_kind_check check (kind in ('holiday', 'working_weekend'))`)
    this.defer(async (db) => {
      await db.table('orders_calendar_days').multiInsert(productionCalendarRows())
    })

    this.schema.createTable('orders_counters', (table) => {
      table.integer('year').primary()
      table.integer('last').notNullable()
    })

    this.schema.createTable('orders', (table) => {
      table.increments('id')
      table.string('number', 32).notNullable().unique()
      table.string('type', 32).notNullable()
      table.string('basis', 500).nullable()
      table.integer('issuer_id').notNullable().references('id').inTable('users')
      table.integer('department_id').nullable().references('id').inTable('departments')
      table.text('text').notNullable()
      table.string('category', 64).nullable()
      table.string('privacy', 16).notNullable().defaultTo('normal')
      table.boolean('special_control').notNullable().defaultTo(false)
      table.integer('parent_id').nullable().references('id').inTable('orders').onDelete('CASCADE')
      // every ancestor up the breakdown tree: whoever sees an order sees all below it
      table.specificType('ancestor_ids', 'integer[]').notNullable().defaultTo('{}')
      table.integer('delegated_from_executor_id').nullable()
      table.string('status', 24).notNullable().defaultTo('draft')
      table.string('deadline_keyword', 16).notNullable().defaultTo('date')
      table.date('deadline').nullable()
      table.integer('controller_id').nullable().references('id').inTable('users')
      table.integer('curator_id').nullable().references('id').inTable('users')
      table.timestamp('issued_at', { useTz: true }).nullable()
      table.date('completed_on').nullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('removed_at', { useTz: true }).nullable()
      table.text('summary').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table orders add constraint orders_status_check check (status in ('draft', 'issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned', 'accepted', 'removed'))`)
    this.schema.raw(`alter table orders add constraint orders_privacy_check check (privacy in ('normal', 'restricted'))`)
    this.schema.raw(`alter table orders add column search tsvector generated always as (
      setweight(to_tsvector('russian', coalesce(number, '')), 'A') ||
      setweight(to_tsvector('russian', coalesce(text, '')), 'B') ||
      setweight(to_tsvector('russian', coalesce(basis, '')), 'C')
    ) stored`)
    this.schema.raw('create index orders_search_index on orders using gin (search)')
    this.schema.raw('create index orders_status_deadline_index on orders (status, deadline)')
    this.schema.raw('create index orders_parent_index on orders (parent_id)')
    this.schema.raw('create index orders_ancestors_index on orders using gin (ancestor_ids)')
    this.schema.raw('create index orders_issuer_index on orders (issuer_id)')

    this.schema.createTable('order_executors', (table) => {
      table.increments('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.string('role', 16).notNullable()
      table.integer('department_id').nullable().references('id').inTable('departments')
      table.integer('user_id').nullable().references('id').inTable('users')
      table.text('task').nullable()
      table.date('deadline').nullable()
      table.string('status', 24).notNullable().defaultTo('assigned')
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table order_executors add constraint order_executors_role_check check (role in ('responsible', 'co_executor'))`)
    this.schema.raw(`alter table order_executors add constraint order_executors_target_check check (num_nonnulls(department_id, user_id) = 1)`)
    this.schema.raw(`create unique index order_executors_one_responsible on order_executors (order_id) where role = 'responsible'`)
    this.schema.raw('create index order_executors_user_index on order_executors (user_id)')
    this.schema.raw('create index order_executors_department_index on order_executors (department_id)')
    this.schema.raw('create index order_executors_order_index on order_executors (order_id)')

    this.schema.createTable('order_extension_requests', (table) => {
      table.increments('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('requested_by').notNullable().references('id').inTable('users')
      table.text('justification').notNullable()
      table.date('current_deadline').nullable()
      table.date('requested_deadline').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('decided_by').nullable().references('id').inTable('users')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.text('decision_comment').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['order_id'])
    })

    this.schema.createTable('order_reports', (table) => {
      table.increments('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('author_id').notNullable().references('id').inTable('users')
      table.text('text').notNullable()
      table.date('completed_on').nullable()
      table.string('status', 16).notNullable().defaultTo('submitted')
      table.integer('reviewed_by').nullable().references('id').inTable('users')
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.text('review_comment').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['order_id'])
    })

    this.schema.createTable('order_attachments', (table) => {
      table.increments('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('report_id').nullable().references('id').inTable('order_reports').onDelete('CASCADE')
      table.string('file_name', 255).notNullable()
      table.string('storage_key', 500).notNullable()
      table.string('mime_type', 127).notNullable()
      table.integer('size').notNullable()
      table.integer('uploaded_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['order_id'])
    })

    this.schema.createTable('order_activities', (table) => {
      table.bigIncrements('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('actor_id').nullable()
      table.string('action', 48).notNullable()
      table.string('field', 48).nullable()
      table.text('old_value').nullable()
      table.text('new_value').nullable()
      table.jsonb('details').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['order_id', 'id'])
    })
    // History is append-only: no row is ever changed or removed (except with its order).
    this.schema.raw(`create function order_activities_append_only() returns trigger language plpgsql as $$
      begin raise exception 'order history is append-only'; end $$`)
    this.schema.raw(`create trigger order_activities_no_update before update on order_activities
      for each row execute function order_activities_append_only()`)
  }

  async down() {
    this.schema.raw('drop trigger if exists order_activities_no_update on order_activities')
    this.schema.dropTable('order_activities')
    this.schema.raw('drop function if exists order_activities_append_only()')
    this.schema.dropTable('order_attachments')
    this.schema.dropTable('order_reports')
    this.schema.dropTable('order_extension_requests')
    this.schema.dropTable('order_executors')
    this.schema.dropTable('orders')
    this.schema.dropTable('orders_counters')
    this.schema.dropTable('orders_calendar_days')
  }
}
