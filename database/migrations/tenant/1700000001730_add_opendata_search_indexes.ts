import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Indexes for searching the portal's open data at scale (a version of a
 * million rows, a catalogue of thousands of datasets):
 *
 * - `datastore_search` filters on text fields are containment
 *   (`data @> '{"field": "value"}'`): a GIN index with `jsonb_path_ops`;
 * - its `q` is full-text over the row's values (Russian configuration, words
 *   as prefixes): the row's words are kept in a stored generated column
 *   `search` (computed once, as the row is loaded: `to_tsvector` of a row
 *   costs tens of microseconds, too much to repeat in a filter), with a GIN
 *   index; only the values are indexed, not the keys;
 * - `package_search` and the catalogue filter by subject, publisher,
 *   licence and sort by modification, title or identifier; its words are
 *   matched in titles, descriptions and keywords (full-text, both languages).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('create index opendata_public_rows_data_index on opendata_public_rows using gin (data jsonb_path_ops)')
    this.schema.raw(`alter table opendata_public_rows add column search tsvector generated always as (to_tsvector('russian', data)) stored`)
    this.schema.raw('create index opendata_public_rows_search_index on opendata_public_rows using gin (search)')
    this.schema.raw(`create index opendata_public_datasets_text_index on opendata_public_datasets using gin (
      to_tsvector('russian', title_ru || ' ' || title_en || ' ' || description_ru || ' ' || description_en || ' ' || keywords))`)
    this.schema.raw('create index opendata_public_datasets_modified_index on opendata_public_datasets (modified_at desc, identifier)')
    this.schema.raw('create index opendata_public_datasets_publisher_index on opendata_public_datasets (publisher_id)')
    this.schema.raw('create index opendata_public_datasets_subject_index on opendata_public_datasets (subject)')
  }

  async down() {
    this.schema.raw('alter table opendata_public_rows drop column if exists search')
    for (const name of ['rows_data', 'rows_search', 'datasets_text', 'datasets_modified', 'datasets_publisher', 'datasets_subject']) {
      this.schema.raw(`drop index if exists opendata_public_${name}_index`)
    }
  }
}
