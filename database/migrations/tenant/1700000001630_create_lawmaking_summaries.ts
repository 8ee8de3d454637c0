import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The portal's published files of the summary of proposals: one row per
 * draft, version, language and format, with the file Drive stores, the
 * remarks it covers and the state of its generation. `stamp` says which
 * remarks the file (or the generation under way) covers: their count, how
 * many are hidden and the latest moment one was made, decided or hidden;
 * a file whose stamp is no longer the version's is made again.
 * `generation` counts the requests that queued it: a job works only for
 * the generation it was queued for.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('lawmaking_summaries', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.integer('version_number').notNullable()
      table.string('locale', 8).notNullable()
      table.string('format', 8).notNullable()
      table.string('status', 16).notNullable().defaultTo('queued')
      table.integer('progress').notNullable().defaultTo(0)
      table.integer('generation').notNullable().defaultTo(0)
      table.string('stamp', 80).nullable()
      table.string('storage_key', 500).nullable()
      table.bigInteger('size').nullable()
      table.integer('remarks_count').nullable()
      table.text('error').nullable()
      table.timestamp('generated_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['draft_id', 'version_number', 'locale', 'format'])
    })
    this.schema.raw(`alter table lawmaking_summaries add constraint lawmaking_summaries_status_check check (status in ('queued', 'running', 'done', 'failed'))`)
    this.schema.raw(`alter table lawmaking_summaries add constraint lawmaking_summaries_format_check check (format in ('xlsx', 'pdf'))`)
    this.schema.raw(`alter table lawmaking_summaries add constraint lawmaking_summaries_progress_check check (progress between 0 and 100)`)
  }

  async down() {
    this.schema.dropTable('lawmaking_summaries')
  }
}
