import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staffing completeness: the establishment table (positions with effective
 * dates), the actual staff on each position, an append-only history of
 * changes, monthly snapshots for the trend and per-tenant risk thresholds.
 *
 * A position carries its occupancy (actual FTE, status, vacant/acting since),
 * recomputed from its staff in the same transaction as every change, so the
 * dashboard and the control rollup read one table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('staffing_positions', (table) => {
      table.increments('id')
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.string('title', 255).notNullable()
      table.string('category', 128).nullable()
      table.decimal('approved_fte', 7, 2).notNullable()
      table.string('key_post', 24).nullable()
      table.date('effective_from').notNullable()
      table.date('effective_to').nullable()
      table.decimal('actual_fte', 7, 2).notNullable().defaultTo(0)
      table.string('status', 16).notNullable().defaultTo('vacant')
      table.date('vacant_since').nullable()
      table.date('acting_since').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['department_id', 'effective_from'])
    })
    this.schema.raw(`alter table staffing_positions add constraint staffing_positions_key_post_check check (key_post in ('head', 'deputy', 'chief_accountant'))`)
    this.schema.raw(`alter table staffing_positions add constraint staffing_positions_status_check check (status in ('filled', 'acting', 'vacant'))`)
    this.schema.raw(`alter table staffing_positions add constraint staffing_positions_fte_check check (approved_fte > 0 and actual_fte >= 0)`)
    this.schema.raw(`alter table staffing_positions add constraint staffing_positions_dates_check check (effective_to is null or effective_to >= effective_from)`)
    // The positions in force today are those without an end (or ending later): the dashboard's scan.
    this.schema.raw(`create index staffing_positions_open on staffing_positions (department_id) include (approved_fte, actual_fte, key_post, status, vacant_since, acting_since, effective_from) where effective_to is null`)

    this.schema.createTable('staffing_staff', (table) => {
      table.increments('id')
      table.integer('position_id').notNullable().references('id').inTable('staffing_positions')
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.string('person_name', 255).nullable()
      table.string('status', 16).notNullable()
      table.decimal('rate', 4, 2).notNullable().defaultTo(1)
      table.date('since').notNullable()
      table.date('ended_on').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['position_id'])
      table.index(['department_id', 'ended_on'])
    })
    this.schema.raw(`alter table staffing_staff add constraint staffing_staff_status_check check (status in ('filled', 'acting', 'vacant'))`)
    this.schema.raw(`alter table staffing_staff add constraint staffing_staff_rate_check check (rate > 0 and rate <= 2)`)

    this.schema.createTable('staffing_history', (table) => {
      table.bigIncrements('id')
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.integer('position_id').nullable().references('id').inTable('staffing_positions')
      table.integer('staff_id').nullable().references('id').inTable('staffing_staff')
      table.string('action', 48).notNullable()
      table.string('field', 48).nullable()
      table.text('old_value').nullable()
      table.text('new_value').nullable()
      table.integer('actor_id').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['department_id', 'created_at'])
    })
    // Append-only: corrections are new rows, never edits.
    this.schema.raw(`
      create function staffing_history_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'staffing_history is append-only';
      end $$`)
    this.schema.raw(`create trigger staffing_history_append_only before update or delete on staffing_history for each row execute function staffing_history_append_only()`)

    this.schema.createTable('staffing_snapshots', (table) => {
      table.increments('id')
      table.date('month').notNullable()
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.decimal('approved_fte', 10, 2).notNullable()
      table.decimal('actual_fte', 10, 2).notNullable()
      table.decimal('vacant_fte', 10, 2).notNullable()
      table.timestamp('computed_at', { useTz: true }).notNullable()
      table.unique(['month', 'department_id'])
    })

    this.schema.createTable('staffing_settings', (table) => {
      table.integer('id').primary()
      table.decimal('green_min', 5, 2).notNullable().defaultTo(95)
      table.decimal('amber_min', 5, 2).notNullable().defaultTo(85)
      table.integer('acting_head_days').notNullable().defaultTo(90)
      table.integer('vacancy_days').notNullable().defaultTo(90)
      table.decimal('turnover_max', 5, 2).notNullable().defaultTo(15)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
    })
    this.schema.raw(`alter table staffing_settings add constraint staffing_settings_single check (id = 1)`)
    this.schema.raw(`insert into staffing_settings (id) values (1)`)
  }

  async down() {
    this.schema.dropTable('staffing_settings')
    this.schema.dropTable('staffing_snapshots')
    this.schema.raw('drop trigger if exists staffing_history_append_only on staffing_history')
    this.schema.dropTable('staffing_history')
    this.schema.raw('drop function if exists staffing_history_append_only()')
    this.schema.dropTable('staffing_staff')
    this.schema.dropTable('staffing_positions')
  }
}
