import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The one moderation queue of the portal (app/modules/social/moderation):
 * a case per flagged item of any registered kind (the queue never knows the
 * owner's tables), users' flags on it, the moderators' decisions, sanctions on
 * users, appeals, and the portal's settings (auto-hide threshold).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_moderation_settings', (table) => {
      // one row per portal tenant
      table.integer('id').primary()
      table.integer('auto_hide_threshold').notNullable().defaultTo(3)
      table.integer('updated_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table social_moderation_settings add constraint social_moderation_settings_one check (id = 1)`)
    this.schema.raw(`alter table social_moderation_settings add constraint social_moderation_settings_threshold check (auto_hide_threshold between 1 and 100)`)

    this.schema.createTable('social_moderation_cases', (table) => {
      table.increments('id')
      // a kind registered in app/modules/social/moderation/registry.ts and the item's id in its owner's table
      table.string('kind', 60).notNullable()
      table.integer('item_id').notNullable()
      table.integer('author_user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      // pending: waits for a moderator; decided: a moderator has dealt with the current flags
      table.string('state', 10).notNullable().defaultTo('pending')
      table.boolean('hidden').notNullable().defaultTo(false)
      // open (not yet dealt with) flags from distinct users
      table.integer('open_flags').notNullable().defaultTo(0)
      table.timestamp('first_flag_at', { useTz: true }).notNullable()
      table.timestamp('auto_hidden_at', { useTz: true }).nullable()
      // the last moderator's decision: hide, restore or dismiss
      table.string('decision', 10).nullable()
      table.text('decision_reason').nullable()
      table.integer('decided_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['kind', 'item_id'])
      // the queue: oldest first within a state
      table.index(['state', 'first_flag_at', 'id'], 'social_moderation_cases_queue_index')
      table.index(['author_user_id'], 'social_moderation_cases_author_index')
    })
    this.schema.raw(`alter table social_moderation_cases add constraint social_moderation_cases_state check (state in ('pending', 'decided'))`)
    this.schema.raw(`alter table social_moderation_cases add constraint social_moderation_cases_decision check (decision is null or decision in ('hide', 'restore', 'dismiss'))`)

    this.schema.createTable('social_moderation_flags', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('social_moderation_cases').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('reason', 20).notNullable()
      table.text('note').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      // a moderator's decision dealt with it (kept: a user flags an item once)
      table.timestamp('cleared_at', { useTz: true }).nullable()
      table.unique(['case_id', 'user_id'])
      table.index(['user_id'], 'social_moderation_flags_user_index')
    })
    this.schema.raw(`alter table social_moderation_flags add constraint social_moderation_flags_reason check (reason in ('spam', 'offensive', 'off_topic', 'personal_data'))`)

    // every decision, kept for appeals and statistics
    this.schema.createTable('social_moderation_decisions', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('social_moderation_cases').onDelete('CASCADE')
      table.string('action', 10).notNullable()
      table.text('reason').nullable()
      table.integer('moderator_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      // from the case's first open flag to this decision (statistics)
      table.timestamp('flagged_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['case_id'], 'social_moderation_decisions_case_index')
      table.index(['created_at'], 'social_moderation_decisions_created_index')
    })
    this.schema.raw(`alter table social_moderation_decisions add constraint social_moderation_decisions_action check (action in ('hide', 'restore', 'dismiss'))`)

    this.schema.createTable('social_sanctions', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('kind', 10).notNullable()
      table.text('reason').notNullable()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      // null: indefinitely (blocks only); warnings end when they start
      table.timestamp('until', { useTz: true }).nullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('lifted_at', { useTz: true }).nullable()
      table.integer('lifted_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.text('lift_reason').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'lifted_at'], 'social_sanctions_user_index')
      table.index(['created_at'], 'social_sanctions_created_index')
    })
    this.schema.raw(`alter table social_sanctions add constraint social_sanctions_kind check (kind in ('warn', 'suspend', 'block'))`)
    this.schema.raw(`alter table social_sanctions add constraint social_sanctions_until check (kind = 'block' or kind = 'warn' or until is not null)`)

    this.schema.createTable('social_moderation_appeals', (table) => {
      table.increments('id')
      // against a moderator's hide decision or a sanction; each at most once
      table.integer('decision_id').nullable().unique().references('id').inTable('social_moderation_decisions').onDelete('CASCADE')
      table.integer('sanction_id').nullable().unique().references('id').inTable('social_sanctions').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.text('text').notNullable()
      // the moderator whose decision is appealed: may not decide the appeal
      table.integer('original_moderator_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('outcome', 12).nullable()
      table.text('outcome_reason').nullable()
      table.integer('decided_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['decided_at', 'created_at'], 'social_moderation_appeals_queue_index')
      table.index(['user_id'], 'social_moderation_appeals_user_index')
    })
    this.schema.raw(`alter table social_moderation_appeals add constraint social_moderation_appeals_subject check ((decision_id is null) <> (sanction_id is null))`)
    this.schema.raw(`alter table social_moderation_appeals add constraint social_moderation_appeals_outcome check (outcome is null or outcome in ('upheld', 'overturned'))`)
  }

  async down() {
    this.schema.dropTableIfExists('social_moderation_appeals')
    this.schema.dropTableIfExists('social_sanctions')
    this.schema.dropTableIfExists('social_moderation_decisions')
    this.schema.dropTableIfExists('social_moderation_flags')
    this.schema.dropTableIfExists('social_moderation_cases')
    this.schema.dropTableIfExists('social_moderation_settings')
  }
}
