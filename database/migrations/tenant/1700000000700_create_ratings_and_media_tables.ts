import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Federal ratings (rating → editions → indicator tree → observations, with
 * alerts) and mass-media publications (items, mentioned departments, feeds).
 * Two views define Δrank, the bottom quartile and the media facts once, for
 * the pages, the alerts and the control rollup alike.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('ratings', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('title', 500).notNullable()
      table.string('publisher', 255).nullable()
      table.string('periodicity', 16).notNullable().defaultTo('yearly')
      table.integer('alert_drop_places').notNullable().defaultTo(5)
      table.integer('created_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table ratings add constraint ratings_periodicity_check check (periodicity in ('monthly', 'quarterly', 'yearly', 'other'))`)
    this.schema.raw(`alter table ratings add constraint ratings_drop_check check (alert_drop_places > 0)`)

    this.schema.createTable('rating_editions', (table) => {
      table.increments('id')
      table.integer('rating_id').notNullable().references('id').inTable('ratings').onDelete('CASCADE')
      table.string('period', 32).notNullable()
      table.date('published_on').notNullable()
      table.string('methodology_version', 64).nullable()
      table.integer('regions_count').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['rating_id', 'period'])
      table.index(['rating_id', 'published_on', 'id'])
    })
    this.schema.raw(`alter table rating_editions add constraint rating_editions_regions_check check (regions_count > 0)`)

    this.schema.createTable('rating_indicators', (table) => {
      table.increments('id')
      table.integer('rating_id').notNullable().references('id').inTable('ratings').onDelete('CASCADE')
      table.integer('parent_id').nullable().references('id').inTable('rating_indicators').onDelete('CASCADE')
      table.string('code', 64).notNullable()
      table.string('name', 500).notNullable()
      table.integer('department_id').nullable().references('id').inTable('departments')
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['rating_id', 'code'])
      table.index(['parent_id'])
    })

    this.schema.createTable('rating_observations', (table) => {
      table.increments('id')
      table.integer('edition_id').notNullable().references('id').inTable('rating_editions').onDelete('CASCADE')
      table.integer('indicator_id').notNullable().references('id').inTable('rating_indicators').onDelete('CASCADE')
      table.decimal('value', 20, 4).nullable()
      table.decimal('score', 20, 4).nullable()
      table.integer('rank').notNullable()
      table.boolean('rank_shared').notNullable().defaultTo(false)
      table.integer('district_rank').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['edition_id', 'indicator_id'])
      table.index(['indicator_id'])
    })
    this.schema.raw(`alter table rating_observations add constraint rating_observations_rank_check check (rank > 0 and (district_rank is null or district_rank > 0))`)

    // Δrank = previous rank − rank (positive: the region climbed). The previous
    // edition is the one published just before (ties broken by id); with no
    // previous edition, or no figure for the indicator there, Δ is null.
    // A shared rank is stored as the best place of the tie on both sides.
    // Bottom quartile: rank > 0.75 × regions, in integers (4·rank > 3·regions).
    this.schema.raw(`
      create view rating_observation_facts as
      with editions as (
        select e.*, lag(e.id) over (partition by e.rating_id order by e.published_on, e.id) as previous_edition_id
        from rating_editions e
      )
      select
        o.id, e.rating_id, o.edition_id, e.period, e.published_on, e.regions_count,
        o.indicator_id, i.parent_id as indicator_parent_id, i.code as indicator_code, i.department_id,
        o.value, o.score, o.rank, o.rank_shared, o.district_rank,
        e.previous_edition_id,
        p.rank as previous_rank,
        p.rank - o.rank as rank_delta,
        (4 * o.rank > 3 * e.regions_count) as bottom_quartile,
        (4 * p.rank > 3 * pe.regions_count) as previous_bottom_quartile
      from rating_observations o
      join editions e on e.id = o.edition_id
      join rating_indicators i on i.id = o.indicator_id
      left join rating_editions pe on pe.id = e.previous_edition_id
      left join rating_observations p on p.edition_id = e.previous_edition_id and p.indicator_id = o.indicator_id
    `)

    this.schema.createTable('rating_alerts', (table) => {
      table.increments('id')
      table.integer('observation_id').notNullable().references('id').inTable('rating_observations').onDelete('CASCADE')
      table.integer('edition_id').notNullable().references('id').inTable('rating_editions').onDelete('CASCADE')
      table.string('kind', 16).notNullable()
      table.integer('rank').notNullable()
      table.integer('previous_rank').nullable()
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.unique(['observation_id', 'kind'])
      table.index(['edition_id'])
    })
    this.schema.raw(`alter table rating_alerts add constraint rating_alerts_kind_check check (kind in ('drop', 'bottom_quartile'))`)

    this.schema.createTable('media_feeds', (table) => {
      table.increments('id')
      table.string('title', 255).notNullable()
      table.string('url', 2000).notNullable().unique()
      table.string('outlet', 255).notNullable()
      table.string('topic', 120).nullable()
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('last_fetched_at', { useTz: true }).nullable()
      table.integer('last_added').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('last_error_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('media_items', (table) => {
      table.increments('id')
      table.string('outlet', 255).notNullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.string('title', 1000).notNullable()
      table.string('url', 2000).notNullable().unique()
      table.string('topic', 120).nullable()
      table.string('tone', 8).notNullable().defaultTo('neutral')
      table.string('source', 8).notNullable()
      table.integer('feed_id').nullable().references('id').inTable('media_feeds').onDelete('SET NULL')
      table.integer('created_by').nullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.index(['published_at'])
      table.index(['topic', 'published_at'])
    })
    this.schema.raw(`alter table media_items add constraint media_items_tone_check check (tone in ('positive', 'neutral', 'negative'))`)
    this.schema.raw(`alter table media_items add constraint media_items_source_check check (source in ('manual', 'csv', 'feed'))`)

    this.schema.createTable('media_item_departments', (table) => {
      table.integer('media_item_id').notNullable().references('id').inTable('media_items').onDelete('CASCADE')
      table.integer('department_id').notNullable().references('id').inTable('departments').onDelete('CASCADE')
      table.primary(['media_item_id', 'department_id'])
      table.index(['department_id'])
    })

    // One row per publication and mentioned department (one row with a null
    // department when none is mentioned): what trends and the rollup count.
    this.schema.raw(`
      create view media_item_facts as
      select m.id as media_item_id, m.published_at, (m.published_at at time zone 'Europe/Moscow')::date as published_on,
        m.outlet, m.topic, m.tone, m.source, d.id as department_id, d.code as department_code
      from media_items m
      left join media_item_departments md on md.media_item_id = m.id
      left join departments d on d.id = md.department_id
    `)
  }

  async down() {
    this.schema.raw('drop view if exists media_item_facts')
    this.schema.raw('drop view if exists rating_observation_facts')
    this.schema.dropTable('media_item_departments')
    this.schema.dropTable('media_items')
    this.schema.dropTable('media_feeds')
    this.schema.dropTable('rating_alerts')
    this.schema.dropTable('rating_observations')
    this.schema.dropTable('rating_indicators')
    this.schema.dropTable('rating_editions')
    this.schema.dropTable('ratings')
  }
}
