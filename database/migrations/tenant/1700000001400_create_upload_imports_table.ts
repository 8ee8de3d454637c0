import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Imports too large to answer in the request: the uploaded file (kept in
 * Drive until the job is done), who asked, where the background job stands
 * (rows checked, rows written) and, at the end, the whole report.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('upload_imports', (table) => {
      table.increments('id')
      table.string('kind', 64).notNullable()
      table.string('status', 16).notNullable().defaultTo('queued')
      table.string('file_key', 500).nullable()
      table.string('file_name', 255).notNullable()
      table.jsonb('options').notNullable().defaultTo('{}')
      table.integer('rows_checked').notNullable().defaultTo(0)
      table.integer('rows_written').notNullable().defaultTo(0)
      table.jsonb('report').nullable()
      table.text('error').nullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table upload_imports add constraint upload_imports_status_check check (status in ('queued', 'checking', 'writing', 'done', 'failed'))`)
  }

  async down() {
    this.schema.dropTable('upload_imports')
  }
}
