import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Monthly ranks of government services and of the bodies providing them, on
 * the portal: one sealed snapshot per month (a correction is a new version),
 * with the SHA-256 of the canonical ratings file it was computed from, and
 * its ranks. A trigger refuses every UPDATE and DELETE: a published month
 * never changes, for admins neither.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('service_rank_snapshots', (table) => {
      table.increments('id')
      table.date('month').notNullable()
      table.integer('version').notNullable()
      table.string('method_version', 16).notNullable()
      table.specificType('ratings_sha256', 'char(64)').notNullable()
      table.integer('ratings_count').notNullable()
      table.integer('min_ratings').notNullable()
      table.jsonb('regional_means').notNullable()
      table.text('reason').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['month', 'version'])
    })

    this.schema.createTable('service_ranks', (table) => {
      table.integer('snapshot_id').notNullable().references('id').inTable('service_rank_snapshots')
      table.string('scope', 8).notNullable()
      // `<body slug>/<service code>` for a service, the body's slug for a body
      table.string('subject', 160).notNullable()
      table.string('body_slug', 64).notNullable()
      table.string('channel', 8).nullable()
      table.integer('ratings').notNullable()
      for (const criterion of ['time', 'waiting', 'staff', 'premises', 'information', 'overall']) {
        table.decimal(`score_${criterion}`, 6, 4).notNullable()
      }
      table.decimal('mean_overall', 6, 4).notNullable()
      table.decimal('interval_low', 6, 4).notNullable()
      table.decimal('interval_high', 6, 4).notNullable()
      table.integer('rank').nullable()
      table.integer('ranked_of').notNullable()
      table.integer('previous_rank').nullable()
      table.integer('delta_rank').nullable()
      // bottom_quartile | dropped: a body the authorities should look at
      table.string('alert', 16).nullable()
      table.primary(['snapshot_id', 'scope', 'subject'])
    })

    this.schema.raw(`
      create function service_ranks_sealed() returns trigger language plpgsql as $$
      begin
        raise exception 'sealed: % of a published month never changes; publish a new version instead', tg_table_name;
      end $$`)
    this.schema.raw(`create trigger service_rank_snapshots_sealed before update or delete on service_rank_snapshots for each row execute function service_ranks_sealed()`)
    this.schema.raw(`create trigger service_ranks_sealed before update or delete on service_ranks for each row execute function service_ranks_sealed()`)
    this.schema.raw(`create trigger service_rank_snapshots_no_truncate before truncate on service_rank_snapshots execute function service_ranks_sealed()`)
    this.schema.raw(`create trigger service_ranks_no_truncate before truncate on service_ranks execute function service_ranks_sealed()`)
  }

  async down() {
    this.schema.dropTableIfExists('service_ranks')
    this.schema.dropTableIfExists('service_rank_snapshots')
    this.schema.raw('drop function if exists service_ranks_sealed()')
  }
}
