import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Downloads of open data files, counted per month. On the portal: a counter
 * per dataset, month (the first day, in the region) and data format,
 * raised by one upsert per download — no address, no person, nothing else.
 * In a body: the counts the portal reported for the body's own datasets,
 * per portal (each portal reports its own), a month's count replaced by the
 * next report. And, on the portal, the counts of each version's diff
 * against the previous one, computed once. Every tenant gets every table;
 * each side fills its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('opendata_public_downloads', (table) => {
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_public_datasets').onDelete('CASCADE')
      table.date('month').notNullable()
      table.string('format', 8).notNullable()
      table.bigInteger('downloads').notNullable().defaultTo(0)
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.primary(['dataset_id', 'month', 'format'])
    })
    // the daily report reads recent months of every dataset
    this.schema.raw('create index opendata_public_downloads_month_index on opendata_public_downloads (month)')

    // the counts of a version's diff against the previous one, computed once (versions never change)
    this.schema.createTable('opendata_public_diffs', (table) => {
      table.integer('version_id').primary().references('id').inTable('opendata_public_versions').onDelete('CASCADE')
      table.integer('added').notNullable()
      table.integer('removed').notNullable()
      table.integer('changed').nullable()
      table.timestamp('computed_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('opendata_downloads', (table) => {
      table.string('portal', 64).notNullable()
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_datasets').onDelete('CASCADE')
      table.date('month').notNullable()
      table.string('format', 8).notNullable()
      table.bigInteger('downloads').notNullable()
      table.timestamp('reported_at', { useTz: true }).notNullable()
      table.primary(['dataset_id', 'month', 'portal', 'format'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('opendata_downloads')
    this.schema.dropTableIfExists('opendata_public_diffs')
    this.schema.dropTableIfExists('opendata_public_downloads')
  }
}
