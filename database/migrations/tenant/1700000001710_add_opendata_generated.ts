import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Datasets the modules generate (app/modules/opendata/services/generated/):
 * a body's dataset may be owned by a generator (its fixed name; staff
 * cannot upload into it or rename it); such a dataset is created and its
 * versions published by the nightly job, so nobody created or published
 * it (`created_by`, `published_by` null).
 *
 * `opendata_dataset_freshness` is what the Department of Control reads of a
 * body's open data (the rollup view `opendata_datasets`): each published
 * dataset with its frequency and the moment of its latest version, nothing
 * else (no file keys, no people).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('opendata_datasets', (table) => {
      table.string('generator', 64).nullable().unique()
    })
    this.schema.raw('alter table opendata_datasets alter column created_by drop not null')
    this.schema.raw('alter table opendata_versions alter column published_by drop not null')
    this.schema.raw(`
      create view opendata_dataset_freshness as
      select d.id, d.identifier, d.title_ru, d.title_en, d.frequency, d.generator is not null as generated,
             d.current_version, v.published_at as last_published_at
        from opendata_datasets d
        left join opendata_versions v on v.dataset_id = d.id and v.number = d.current_version
       where d.identifier is not null`)
  }

  async down() {
    this.schema.raw('drop view if exists opendata_dataset_freshness')
    this.schema.raw('alter table opendata_versions alter column published_by set not null')
    this.schema.raw('alter table opendata_datasets alter column created_by set not null')
    this.schema.alterTable('opendata_datasets', (table) => {
      table.dropColumn('generator')
    })
  }
}
