import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Priority ranks (portal): the curated priorities, the method's settings
 * (votes per quarter, population weights), the voter list and the ballots —
 * two tables that share no column a person could be joined on — and the
 * sealed quarterly snapshots, which a trigger keeps immutable. The citizen's
 * municipality of residence (with the change that waits for next quarter)
 * goes on the portal's citizen profile. Every tenant gets the tables; only
 * the portal fills them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('problem_citizens', (table) => {
      table.string('residence_municipality_code', 64).nullable()
      table.string('pending_residence_municipality_code', 64).nullable()
      // the quarter ('2027-Q1') from which the pending choice applies
      table.string('pending_residence_quarter', 7).nullable()
    })

    this.schema.createTable('priority_items', (table) => {
      table.increments('id')
      table.string('level', 16).notNullable()
      table.string('municipality_code', 64).nullable()
      table.string('title', 300).notNullable()
      table.text('description').notNullable()
      table.string('category', 100).notNullable()
      table.string('responsible_body', 300).nullable()
      table.string('opens_quarter', 7).notNullable()
      table.string('closes_quarter', 7).nullable()
      table.string('status', 16).notNullable().defaultTo('draft')
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamps(true, true)
    })
    this.schema.raw(`alter table priority_items add constraint priority_items_level_check check (
      (level = 'regional' and municipality_code is null) or (level = 'municipal' and municipality_code is not null))`)

    this.schema.createTable('priority_settings', (table) => {
      table.integer('id').primary()
      table.integer('votes_per_quarter').notNullable().defaultTo(5)
      table.string('weighting', 16).notNullable().defaultTo('population')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`alter table priority_settings add constraint priority_settings_single check (id = 1)`)

    this.schema.createTable('priority_populations', (table) => {
      table.string('municipality_code', 64).primary()
      table.integer('population').notNullable()
    })

    // who voted in a quarter and how many active votes they hold — never what for
    this.schema.createTable('priority_voters', (table) => {
      table.integer('user_id').notNullable()
      table.string('quarter', 7).notNullable()
      table.integer('active_votes').notNullable().defaultTo(0)
      table.primary(['user_id', 'quarter'])
    })

    // what was voted: no user id; `receipt` is an HMAC of (voter, quarter, priority) under the app key,
    // so the voter can find and withdraw their own ballot and vote once per priority, and nobody can
    // tell from the data who cast it
    this.schema.createTable('priority_ballots', (table) => {
      table.bigIncrements('id')
      table.string('receipt', 64).notNullable()
      table.string('quarter', 7).notNullable()
      table.integer('priority_id').notNullable().references('id').inTable('priority_items')
      table.string('municipality_code', 64).notNullable()
      table.timestamp('cast_at', { useTz: true }).notNullable()
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.timestamp('moderated_out_at', { useTz: true }).nullable()
    })
    this.schema.raw(`create unique index priority_ballots_active_receipt on priority_ballots (receipt) where withdrawn_at is null and moderated_out_at is null`)
    this.schema.raw(`create index priority_ballots_quarter on priority_ballots (quarter, priority_id, municipality_code)`)
    // the counted ballots of a quarter in the ballot file's order, read from the index alone (sealing, export)
    this.schema.raw(
      `create index priority_ballots_counted on priority_ballots (quarter, priority_id, municipality_code collate "C", cast_at) where withdrawn_at is null and moderated_out_at is null`
    )

    this.schema.createTable('priority_snapshots', (table) => {
      table.increments('id')
      table.string('quarter', 7).notNullable()
      table.integer('version').notNullable()
      table.string('method_version', 32).notNullable()
      table.jsonb('method').notNullable()
      table.string('ballot_file_sha256', 64).notNullable()
      table.integer('ballots_counted').notNullable()
      table.integer('ballots_withdrawn').notNullable()
      table.integer('ballots_moderated_out').notNullable()
      table.text('reason').nullable()
      table.timestamp('sealed_at', { useTz: true }).notNullable()
      table.unique(['quarter', 'version'])
    })

    this.schema.createTable('priority_snapshot_ranks', (table) => {
      table.integer('snapshot_id').notNullable().references('id').inTable('priority_snapshots')
      // 'region' or a municipality's code
      table.string('scope', 64).notNullable()
      table.integer('priority_id').notNullable()
      table.integer('votes').notNullable()
      table.string('score', 32).notNullable()
      table.integer('rank').notNullable()
      table.integer('previous_rank').nullable()
      table.primary(['snapshot_id', 'scope', 'priority_id'])
    })

    // sealed means sealed: no update, delete or truncate, whoever asks (a correction is a new version)
    this.schema.raw(`create function priority_snapshots_sealed() returns trigger language plpgsql as $$
      begin
        raise exception 'priority snapshots are sealed: a correction is a new version' using errcode = '42501';
      end $$`)
    for (const name of ['priority_snapshots', 'priority_snapshot_ranks']) {
      this.schema.raw(`create trigger ${name}_sealed before update or delete on ${name} for each row execute function priority_snapshots_sealed()`)
      this.schema.raw(`create trigger ${name}_sealed_truncate before truncate on ${name} for each statement execute function priority_snapshots_sealed()`)
    }
  }

  async down() {
    for (const name of ['priority_snapshot_ranks', 'priority_snapshots', 'priority_ballots', 'priority_voters', 'priority_populations', 'priority_settings', 'priority_items']) {
      this.schema.dropTableIfExists(name)
    }
    this.schema.raw('drop function if exists priority_snapshots_sealed()')
    this.schema.alterTable('problem_citizens', (table) => {
      table.dropColumns('residence_municipality_code', 'pending_residence_municipality_code', 'pending_residence_quarter')
    })
  }
}
