import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Periodic control reports (weekly, monthly) of the Department of Control:
 * one row per kind and period (re-running fills the same row), the users
 * subscribed to each kind, and one delivery row per report and subscriber
 * so nobody is mailed the same report twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('control_reports', (table) => {
      table.increments('id')
      table.string('kind', 16).notNullable()
      table.date('period_start').notNullable()
      table.date('period_end').notNullable()
      table.string('status', 16).notNullable().defaultTo('queued')
      table.integer('progress').notNullable().defaultTo(0)
      // bumped by every request to (re)generate: a job for an older request does nothing
      table.integer('generation').notNullable().defaultTo(1)
      table.text('error').nullable()
      table.string('pdf_key', 500).nullable()
      table.string('xlsx_key', 500).nullable()
      table.integer('requested_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('generated_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['kind', 'period_start'])
    })
    this.schema.raw(`alter table control_reports add constraint control_reports_kind_check check (kind in ('weekly', 'monthly'))`)
    this.schema.raw(`alter table control_reports add constraint control_reports_status_check check (status in ('queued', 'running', 'ready', 'failed'))`)

    this.schema.createTable('control_report_subscriptions', (table) => {
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('kind', 16).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['user_id', 'kind'])
    })

    this.schema.createTable('control_report_deliveries', (table) => {
      table.integer('report_id').notNullable().references('id').inTable('control_reports').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('error').nullable()
      table.primary(['report_id', 'user_id'])
    })
  }

  async down() {
    this.schema.dropTable('control_report_deliveries')
    this.schema.dropTable('control_report_subscriptions')
    this.schema.dropTable('control_reports')
  }
}
