import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The words of a version's rows (`datastore_search`'s `q`) move out of
 * `opendata_public_rows` into their own table, filled after the rows are
 * loaded and visible. The stored generated column and its GIN index cost
 * about half of the COPY of a million rows (by the bench: ~90 of 180 s),
 * and publication waited for them. Now the rows job commits the rows, then
 * writes their words in a second step (`insert … select to_tsvector`, one
 * GIN build in bulk) and marks the version `words_indexed_at`; until then
 * `q` reads the words of the version's rows as it goes (correct, slower).
 * Only the values are indexed, not the keys (`to_tsvector` of a jsonb).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('drop index if exists opendata_public_rows_search_index')
    this.schema.raw('alter table opendata_public_rows drop column if exists search')
    this.schema.createTable('opendata_public_row_words', (table) => {
      table.integer('version_id').notNullable().references('id').inTable('opendata_public_versions').onDelete('CASCADE')
      table.integer('row_number').notNullable()
      table.specificType('search', 'tsvector').notNullable()
      table.primary(['version_id', 'row_number'])
    })
    this.schema.raw('create index opendata_public_row_words_search_index on opendata_public_row_words using gin (search)')
    this.schema.alterTable('opendata_public_versions', (table) => {
      table.timestamp('words_indexed_at', { useTz: true }).nullable()
    })
    // versions stay immutable: the rows job sets only rows_loaded_at, then words_indexed_at
    this.schema.raw(`
      create or replace function opendata_public_versions_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'rows_loaded_at' - 'words_indexed_at') <> (to_jsonb(old) - 'rows_loaded_at' - 'words_indexed_at') then
          raise exception 'opendata_public_versions is immutable: only rows_loaded_at and words_indexed_at may be set';
        end if;
        return new;
      end $$`)
  }

  async down() {
    this.schema.raw(`
      create or replace function opendata_public_versions_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'rows_loaded_at') <> (to_jsonb(old) - 'rows_loaded_at') then
          raise exception 'opendata_public_versions is immutable: only rows_loaded_at may be set';
        end if;
        return new;
      end $$`)
    this.schema.alterTable('opendata_public_versions', (table) => table.dropColumn('words_indexed_at'))
    this.schema.dropTableIfExists('opendata_public_row_words')
    this.schema.raw(`alter table opendata_public_rows add column search tsvector generated always as (to_tsvector('russian', data)) stored`)
    this.schema.raw('create index opendata_public_rows_search_index on opendata_public_rows using gin (search)')
  }
}
