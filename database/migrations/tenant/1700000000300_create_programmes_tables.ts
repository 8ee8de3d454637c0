import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Programmes and roadmaps: federal, national, regional programmes and
 * roadmaps → events with planned and actual dates → indicators.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('programmes', (table) => {
      table.increments('id')
      table.string('kind', 16).notNullable()
      table.string('code', 64).nullable()
      table.string('title', 500).notNullable()
      table.text('description').nullable()
      table.integer('department_id').nullable().references('id').inTable('departments')
      table.date('starts_on').nullable()
      table.date('ends_on').nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table programmes add constraint programmes_kind_check check (kind in ('roadmap', 'federal', 'national', 'regional'))`)

    this.schema.createTable('programme_events', (table) => {
      table.increments('id')
      table.integer('programme_id').notNullable().references('id').inTable('programmes').onDelete('CASCADE')
      table.string('title', 500).notNullable()
      table.integer('department_id').nullable().references('id').inTable('departments')
      table.date('planned_start').nullable()
      table.date('planned_end').notNullable()
      table.date('completed_on').nullable()
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['programme_id'])
      table.index(['planned_end'])
    })

    this.schema.createTable('programme_indicators', (table) => {
      table.increments('id')
      table.integer('event_id').notNullable().references('id').inTable('programme_events').onDelete('CASCADE')
      table.string('name', 255).notNullable()
      table.string('unit', 32).nullable()
      table.decimal('planned_value', 18, 4).notNullable()
      table.decimal('actual_value', 18, 4).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['event_id'])
    })
  }

  async down() {
    this.schema.dropTable('programme_indicators')
    this.schema.dropTable('programme_events')
    this.schema.dropTable('programmes')
  }
}
