import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A generated dataset whose content has not changed by its due day gets no
 * new version (versions are published only when the content changed), but
 * it is up to date: the job records that it found it current
 * (`confirmed_at`), and the freshness rule counts from the later of the
 * latest version and that confirmation — in the body, in what Control reads
 * (`current_as_of`, added at the view's end so the rollup over it stays),
 * and on the portal, which gets the moment with the passport.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('opendata_datasets', (table) => {
      table.timestamp('confirmed_at', { useTz: true }).nullable()
    })
    this.schema.alterTable('opendata_public_datasets', (table) => {
      table.timestamp('confirmed_at', { useTz: true }).nullable()
    })
    this.schema.raw(`
      create or replace view opendata_dataset_freshness as
      select d.id, d.identifier, d.title_ru, d.title_en, d.frequency, d.generator is not null as generated,
             d.current_version, v.published_at as last_published_at,
             greatest(v.published_at, d.confirmed_at) as current_as_of
        from opendata_datasets d
        left join opendata_versions v on v.dataset_id = d.id and v.number = d.current_version
       where d.identifier is not null`)
  }

  async down() {
    this.schema.raw('drop view if exists opendata_dataset_freshness')
    this.schema.raw(`
      create view opendata_dataset_freshness as
      select d.id, d.identifier, d.title_ru, d.title_en, d.frequency, d.generator is not null as generated,
             d.current_version, v.published_at as last_published_at
        from opendata_datasets d
        left join opendata_versions v on v.dataset_id = d.id and v.number = d.current_version
       where d.identifier is not null`)
    this.schema.alterTable('opendata_public_datasets', (table) => {
      table.dropColumn('confirmed_at')
    })
    this.schema.alterTable('opendata_datasets', (table) => {
      table.dropColumn('confirmed_at')
    })
  }
}
