import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Lawsuits: court cases (one row per instance; an appeal links to the case
 * it appeals, forming a chain), their parties, events (hearings) and acts.
 * `next_hearing_on` is kept by the module so lists, the dashboard and the
 * control rollup read it without a join.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('lawsuit_cases', (table) => {
      table.increments('id')
      table.string('number', 64).notNullable()
      table.string('court', 255).notNullable()
      table.string('instance', 16).notNullable()
      table.string('judge', 255).nullable()
      table.string('category', 32).notNullable()
      table.string('our_role', 32).notNullable()
      table.text('subject').nullable()
      table.decimal('claimed_amount', 18, 2).notNullable().defaultTo(0)
      table.decimal('awarded_amount', 18, 2).nullable()
      table.decimal('collected_amount', 18, 2).nullable()
      table.string('outcome', 32).nullable()
      table.date('decided_on').nullable()
      table.integer('lawyer_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.integer('parent_id').nullable().references('id').inTable('lawsuit_cases').onDelete('SET NULL')
      table.date('next_hearing_on').nullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`create unique index lawsuit_cases_court_number_unique on lawsuit_cases (lower(court), lower(number))`)
    this.schema.raw(`create index lawsuit_cases_open_index on lawsuit_cases (instance, category) where outcome is null`)
    this.schema.raw(`create index lawsuit_cases_department_index on lawsuit_cases (department_id)`)
    this.schema.raw(`create index lawsuit_cases_lawyer_index on lawsuit_cases (lawyer_id)`)
    this.schema.raw(`create index lawsuit_cases_parent_index on lawsuit_cases (parent_id)`)
    // the orders of the case list (open: next hearing first; closed: latest decision first) and the outcomes chart
    this.schema.raw(`create index lawsuit_cases_open_list_index on lawsuit_cases (next_hearing_on asc nulls last, id desc) where outcome is null`)
    this.schema.raw(`create index lawsuit_cases_decided_index on lawsuit_cases (decided_on desc nulls last, id desc) where outcome is not null`)
    this.schema.raw(
      `alter table lawsuit_cases add constraint lawsuit_cases_instance_check check (instance in ('first', 'appeal', 'cassation', 'supervisory'))`
    )
    this.schema.raw(
      `alter table lawsuit_cases add constraint lawsuit_cases_outcome_check check (outcome is null or outcome in
        ('satisfied', 'partially_satisfied', 'denied', 'terminated', 'left_without_review', 'settlement_approved', 'remanded'))`
    )
    this.schema.raw(
      `alter table lawsuit_cases add constraint lawsuit_cases_amounts_check check (claimed_amount >= 0 and coalesce(awarded_amount, 0) >= 0 and coalesce(collected_amount, 0) >= 0)`
    )

    this.schema.createTable('lawsuit_parties', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('lawsuit_cases').onDelete('CASCADE')
      table.string('role', 32).notNullable()
      table.string('name', 500).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['case_id'])
    })

    this.schema.createTable('lawsuit_events', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('lawsuit_cases').onDelete('CASCADE')
      table.string('kind', 16).notNullable().defaultTo('hearing')
      table.date('scheduled_on').notNullable()
      table.string('starts_at', 5).nullable()
      table.string('courtroom', 64).nullable()
      table.text('result').nullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['case_id'])
    })
    // upcoming hearings are read in this order and stop after a page: no sort, no scan of the cases
    this.schema.raw(`create index lawsuit_events_upcoming_index on lawsuit_events (scheduled_on, starts_at nulls last, id) where result is null`)

    this.schema.createTable('lawsuit_acts', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('lawsuit_cases').onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      table.date('issued_on').nullable()
      table.string('file_name', 255).notNullable()
      table.string('storage_key', 500).notNullable()
      table.string('mime_type', 128).notNullable()
      table.integer('size').notNullable()
      table.integer('uploaded_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['case_id'])
    })
  }

  async down() {
    this.schema.dropTable('lawsuit_acts')
    this.schema.dropTable('lawsuit_events')
    this.schema.dropTable('lawsuit_parties')
    this.schema.dropTable('lawsuit_cases')
  }
}
