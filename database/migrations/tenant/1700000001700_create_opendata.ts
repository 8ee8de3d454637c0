import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Open data. In a body (block or municipality): its publisher profile (the
 * body's INN and the person answering for its datasets), its datasets with
 * their passports, the immutable structure versions and data versions (the
 * normalized CSV in Drive), and the uploads waiting for their structure to
 * be confirmed. On the portal: the publishers, the public copy of every
 * published dataset (keyed by its identifier), its structures and versions,
 * and the rows of each version as jsonb for streaming and preview. Every
 * tenant gets every table; each side fills only its own.
 */
export default class extends BaseSchema {
  async up() {
    // ---- the body's side ----
    this.schema.createTable('opendata_publisher_profiles', (table) => {
      table.increments('id')
      table.string('inn', 12).notNullable()
      table.string('name_ru', 500).notNullable()
      table.string('name_en', 500).notNullable()
      table.string('responsible_person', 255).notNullable()
      table.string('phone', 32).notNullable()
      table.string('email', 255).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('opendata_datasets', (table) => {
      table.increments('id')
      // the part after `<INN>-` of the identifier: latin letters, digits, `_`
      table.string('name', 64).notNullable().unique()
      table.string('title_ru', 500).notNullable()
      table.string('title_en', 500).notNullable()
      table.text('description_ru').notNullable()
      table.text('description_en').notNullable()
      table.string('subject', 32).notNullable()
      table.string('keywords', 1000).notNullable().defaultTo('')
      table.string('licence', 64).notNullable()
      table.string('frequency', 16).notNullable()
      table.text('provenance').nullable()
      table.date('valid_until').nullable()
      // frozen by the first publication
      table.string('identifier', 80).nullable().unique()
      table.integer('current_version').notNullable().defaultTo(0)
      table.integer('current_structure').notNullable().defaultTo(0)
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('opendata_structures', (table) => {
      table.increments('id')
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_datasets').onDelete('CASCADE')
      table.integer('number').notNullable()
      // YYYYMMDD (or YYYYMMDDTHHMM when the day is taken) in `structure-<stamp>.csv`
      table.string('stamp', 16).notNullable()
      table.jsonb('fields').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['dataset_id', 'number'])
      table.unique(['dataset_id', 'stamp'])
    })

    this.schema.createTable('opendata_versions', (table) => {
      table.increments('id')
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_datasets').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.integer('structure_id').notNullable().references('id').inTable('opendata_structures')
      table.string('data_stamp', 16).notNullable()
      table.string('storage_key', 255).notNullable()
      table.bigInteger('size').notNullable()
      table.integer('row_count').notNullable()
      table.string('sha256', 64).notNullable()
      table.text('change_note').notNullable()
      table.integer('published_by').notNullable().references('id').inTable('users')
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.unique(['dataset_id', 'number'])
      table.unique(['dataset_id', 'data_stamp'])
    })

    // An uploaded table waiting for its structure to be confirmed (then validated and published, or dropped).
    this.schema.createTable('opendata_uploads', (table) => {
      table.increments('id')
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_datasets').onDelete('CASCADE')
      table.string('storage_key', 255).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('extname', 8).notNullable()
      table.jsonb('fields').notNullable()
      table.integer('row_count').notNullable()
      table.integer('uploaded_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    // ---- the portal's side ----
    this.schema.createTable('opendata_public_publishers', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable().unique()
      table.string('inn', 12).notNullable()
      table.string('name_ru', 500).notNullable()
      table.string('name_en', 500).notNullable()
      table.string('responsible_person', 255).notNullable()
      table.string('phone', 32).notNullable()
      table.string('email', 255).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('opendata_public_datasets', (table) => {
      table.increments('id')
      table.string('identifier', 80).notNullable().unique()
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_dataset_id').notNullable()
      table.integer('publisher_id').notNullable().references('id').inTable('opendata_public_publishers')
      table.string('title_ru', 500).notNullable()
      table.string('title_en', 500).notNullable()
      table.text('description_ru').notNullable()
      table.text('description_en').notNullable()
      table.string('subject', 32).notNullable()
      table.string('keywords', 1000).notNullable()
      table.string('licence', 64).notNullable()
      table.string('frequency', 16).notNullable()
      table.text('provenance').nullable()
      table.date('valid_until').nullable()
      table.integer('current_version').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('modified_at', { useTz: true }).notNullable()
      // the passport's last change (a version or a passport edit): Last-Modified of list.* and meta.*
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['origin_tenant', 'origin_dataset_id'])
      table.index(['subject', 'id'])
      table.index(['frequency', 'id'])
    })

    this.schema.createTable('opendata_public_structures', (table) => {
      table.increments('id')
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_public_datasets').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.string('stamp', 16).notNullable()
      table.jsonb('fields').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['dataset_id', 'number'])
      table.unique(['dataset_id', 'stamp'])
    })

    this.schema.createTable('opendata_public_versions', (table) => {
      table.increments('id')
      table.integer('dataset_id').notNullable().references('id').inTable('opendata_public_datasets').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.integer('structure_number').notNullable()
      table.string('data_stamp', 16).notNullable()
      table.string('origin_key', 255).notNullable()
      table.string('storage_key', 255).notNullable()
      table.bigInteger('size').notNullable()
      table.integer('row_count').notNullable()
      table.string('sha256', 64).notNullable()
      table.text('change_note').notNullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      // the rows job fills opendata_public_rows and sets this (the data files answer 503 until then)
      table.timestamp('rows_loaded_at', { useTz: true }).nullable()
      table.unique(['dataset_id', 'number'])
      table.unique(['dataset_id', 'data_stamp'])
    })

    this.schema.createTable('opendata_public_rows', (table) => {
      table.integer('version_id').notNullable().references('id').inTable('opendata_public_versions').onDelete('CASCADE')
      table.integer('row_number').notNullable()
      table.jsonb('data').notNullable()
      table.primary(['version_id', 'row_number'])
    })
    this.immutable()
  }

  /** Versions and structures never change once published (the rows job only sets `rows_loaded_at`). */
  private immutable() {
    this.schema.raw(`
      create function opendata_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '% is immutable: a published version or structure never changes', tg_table_name;
      end $$`)
    for (const table of ['opendata_versions', 'opendata_structures', 'opendata_public_structures']) {
      this.schema.raw(`create trigger ${table}_immutable before update on ${table} for each row execute function opendata_refuse_change()`)
    }
    this.schema.raw(`
      create function opendata_public_versions_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'rows_loaded_at') <> (to_jsonb(old) - 'rows_loaded_at') then
          raise exception 'opendata_public_versions is immutable: only rows_loaded_at may be set';
        end if;
        return new;
      end $$`)
    this.schema.raw(`create trigger opendata_public_versions_immutable before update on opendata_public_versions for each row execute function opendata_public_versions_immutable()`)
  }

  async down() {
    this.schema.raw('drop function if exists opendata_refuse_change() cascade')
    this.schema.raw('drop function if exists opendata_public_versions_immutable() cascade')
    this.schema.dropTable('opendata_public_rows')
    this.schema.dropTable('opendata_public_versions')
    this.schema.dropTable('opendata_public_structures')
    this.schema.dropTable('opendata_public_datasets')
    this.schema.dropTable('opendata_public_publishers')
    this.schema.dropTable('opendata_uploads')
    this.schema.dropTable('opendata_versions')
    this.schema.dropTable('opendata_structures')
    this.schema.dropTable('opendata_datasets')
    this.schema.dropTable('opendata_publisher_profiles')
  }
}
