import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The portal's law-making statistics and citizens' flags on remarks.
 *
 * `lawmaking_public_drafts.decide_by`: the day by which the developer must
 * decide on every remark, as the body announced it with the reaction stage
 * (lawmaking.stage_changed); cleared when a new version opens a new
 * discussion. The statistics count a draft's reaction on time when its
 * last decision falls on or before that day.
 *
 * `lawmaking_remark_flags`: a citizen flags someone else's remark for the
 * moderators, once (the key), with an optional reason. A moderator hiding
 * the remark or dismissing the flags clears them (`cleared_at`); the row
 * stays, so the same person does not flag the same remark again.
 * `lawmaking_remarks.flags_count` counts the flags not cleared yet and
 * orders the moderators' queue (its partial index holds only flagged
 * remarks).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('lawmaking_public_drafts', (table) => {
      table.date('decide_by').nullable()
      // the statistics' filters (level, municipality) and grouping by stage
      table.index(['level', 'municipality_code', 'stage'], 'lawmaking_public_drafts_stats_index')
      // the drafts with most remarks
      table.index(['remarks_count', 'id'], 'lawmaking_public_drafts_remarks_index')
    })
    this.schema.alterTable('lawmaking_remarks', (table) => {
      table.integer('flags_count').notNullable().defaultTo(0)
    })
    // decisions of a draft's remarks (not replies), read by index only
    this.schema.raw(`create index lawmaking_remarks_decisions_index on lawmaking_remarks (draft_id, decision, decided_at) where parent_id is null`)
    this.schema.raw(`create index lawmaking_remarks_flagged_index on lawmaking_remarks (flags_count desc, id) where flags_count > 0 and hidden_at is null`)

    this.schema.createTable('lawmaking_remark_flags', (table) => {
      table.integer('remark_id').notNullable().references('id').inTable('lawmaking_remarks').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('reason', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('cleared_at', { useTz: true }).nullable()
      table.primary(['remark_id', 'user_id'])
    })
  }

  async down() {
    this.schema.dropTable('lawmaking_remark_flags')
    this.schema.raw('drop index if exists lawmaking_remarks_flagged_index')
    this.schema.raw('drop index if exists lawmaking_remarks_decisions_index')
    this.schema.alterTable('lawmaking_remarks', (table) => {
      table.dropColumn('flags_count')
    })
    this.schema.alterTable('lawmaking_public_drafts', (table) => {
      table.dropIndex(['remarks_count', 'id'], 'lawmaking_public_drafts_remarks_index')
      table.dropIndex(['level', 'municipality_code', 'stage'], 'lawmaking_public_drafts_stats_index')
      table.dropColumn('decide_by')
    })
  }
}
