import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'

/** What both sides keep of an invitation: its key, field, due day and the expert's answer. */
function invitationColumns(table: Knex.CreateTableBuilder) {
  table.uuid('key').notNullable().unique()
  table.string('field', 64).notNullable()
  table.date('due_on').notNullable()
  table.string('status', 16).notNullable().defaultTo('invited')
  table.text('decline_reason').nullable()
  // who invited: a portal moderator (portal), the developer (body); null when the other side did
  table.integer('invited_by').nullable().references('id').inTable('users')
  table.timestamp('answered_at', { useTz: true }).nullable()
  table.timestamp('created_at', { useTz: true }).notNullable()
  table.index(['status', 'due_on'])
}

/** What both sides keep of a conclusion: the version, the verdict, the text and the signed file in Drive. */
function conclusionColumns(table: Knex.CreateTableBuilder) {
  table.integer('version_number').notNullable()
  table.string('verdict', 32).notNullable()
  table.text('summary').notNullable()
  table.string('file_key', 500).notNullable()
  table.string('file_name', 255).notNullable()
  table.string('file_mime', 64).notNullable()
  table.integer('file_size').notNullable()
  table.timestamp('filed_at', { useTz: true }).notNullable()
}

/**
 * Independent (public) expertise of draft acts. In the portal: expert
 * profiles a moderator verifies, the invitations experts answer and the
 * conclusions they file (a verdict, per-clause remarks, a signed file). In a
 * body: the copy of the portal's registry of verified experts, the
 * invitations its developers sent (or the portal's moderators did), and the
 * conclusions received; an expert's remark is a received remark like a
 * citizen's (source 'expert'), so it needs the developer's decision too.
 * Every tenant gets every table; each side fills only its own.
 */
export default class extends BaseSchema {
  async up() {
    // ---- the portal's side ----
    this.schema.createTable('lawmaking_expert_profiles', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().unique().references('id').inTable('users').onDelete('CASCADE')
      table.string('public_name', 120).notNullable()
      table.string('organisation', 300).notNullable()
      table.text('credentials').notNullable()
      // subject area codes (services of the lawmaking module), at least one
      table.jsonb('fields').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.text('review_reason').nullable()
      table.integer('reviewed_by').nullable().references('id').inTable('users')
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'id'])
    })
    this.schema.raw(`alter table lawmaking_expert_profiles add constraint lawmaking_expert_profiles_status_check check (status in ('pending', 'verified', 'rejected'))`)

    // An invitation as the portal keeps it (the expert answers it here); `key` names it on both sides.
    this.schema.createTable('lawmaking_public_invitations', (table) => {
      table.increments('id')
      invitationColumns(table)
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.integer('expert_id').notNullable().references('id').inTable('lawmaking_expert_profiles').onDelete('CASCADE')
      table.timestamp('reminded_soon_at', { useTz: true }).nullable()
      table.timestamp('reminded_due_at', { useTz: true }).nullable()
      table.unique(['draft_id', 'expert_id'])
      table.index(['expert_id', 'id'])
    })

    this.schema.createTable('lawmaking_conclusions', (table) => {
      table.increments('id')
      table.integer('invitation_id').notNullable().unique().references('id').inTable('lawmaking_public_invitations').onDelete('CASCADE')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      conclusionColumns(table)
      table.index(['draft_id', 'id'])
    })

    // Per-clause remarks of a conclusion. Their ids come from the citizens' remarks' sequence:
    // a portal's remark id names one remark of either kind, as the body's received remarks key them.
    this.schema.createTable('lawmaking_conclusion_remarks', (table) => {
      table.integer('id').primary()
      table.integer('conclusion_id').notNullable().references('id').inTable('lawmaking_conclusions').onDelete('CASCADE')
      table.uuid('clause_key').notNullable()
      table.text('text').notNullable()
      table.text('proposed_wording').nullable()
      table.string('decision', 32).nullable()
      table.text('decision_reason').nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.index(['conclusion_id', 'id'])
    })
    this.schema.raw(`alter table lawmaking_conclusion_remarks alter column id set default nextval('lawmaking_remarks_id_seq')`)

    // ---- the body's side ----
    // When each portal's registry was published (a late, older publication changes nothing).
    this.schema.createTable('lawmaking_expert_registries', (table) => {
      table.string('portal_slug', 64).primary()
      table.timestamp('published_at', { useTz: true }).notNullable()
    })

    // A verified expert as the portal published them: public name, organisation, fields; no e-mail.
    this.schema.createTable('lawmaking_known_experts', (table) => {
      table.increments('id')
      table.string('portal_slug', 64).notNullable()
      table.integer('expert_id').notNullable()
      table.string('public_name', 120).notNullable()
      table.string('organisation', 300).notNullable()
      table.jsonb('fields').notNullable()
      table.unique(['portal_slug', 'expert_id'])
    })

    this.schema.createTable('lawmaking_expert_invitations', (table) => {
      table.increments('id')
      invitationColumns(table)
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_drafts').onDelete('CASCADE')
      table.string('portal_slug', 64).notNullable()
      table.integer('expert_id').notNullable()
      table.string('expert_name', 120).notNullable()
      table.string('expert_organisation', 300).notNullable()
      table.timestamp('overdue_flagged_at', { useTz: true }).nullable()
      table.unique(['draft_id', 'portal_slug', 'expert_id'])
    })

    this.schema.createTable('lawmaking_received_conclusions', (table) => {
      table.increments('id')
      table.integer('invitation_id').notNullable().unique().references('id').inTable('lawmaking_expert_invitations').onDelete('CASCADE')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_drafts').onDelete('CASCADE')
      table.integer('origin_conclusion_id').notNullable()
      conclusionColumns(table)
      table.timestamp('received_at', { useTz: true }).notNullable()
    })

    for (const name of ['lawmaking_public_invitations', 'lawmaking_expert_invitations']) {
      this.schema.raw(`alter table ${name} add constraint ${name}_status_check check (status in ('invited', 'accepted', 'declined', 'concluded'))`)
    }
    for (const name of ['lawmaking_conclusions', 'lawmaking_received_conclusions']) {
      this.schema.raw(`alter table ${name} add constraint ${name}_verdict_check check (verdict in ('supported', 'supported_with_remarks', 'not_supported'))`)
    }

    // An expert's remark waits for a decision like a citizen's.
    this.schema.alterTable('lawmaking_received_remarks', (table) => {
      table.string('source', 16).notNullable().defaultTo('citizen')
      table.integer('conclusion_id').nullable().references('id').inTable('lawmaking_received_conclusions').onDelete('CASCADE')
    })
    this.schema.raw(`alter table lawmaking_received_remarks add constraint lawmaking_received_remarks_source_check check (source in ('citizen', 'expert'))`)
    this.schema.raw(`alter table lawmaking_received_remarks add constraint lawmaking_received_remarks_conclusion_check check ((source = 'expert') = (conclusion_id is not null))`)
  }

  async down() {
    this.schema.alterTable('lawmaking_received_remarks', (table) => {
      table.dropColumn('conclusion_id')
      table.dropColumn('source')
    })
    this.schema.dropTable('lawmaking_received_conclusions')
    this.schema.dropTable('lawmaking_expert_invitations')
    this.schema.dropTable('lawmaking_known_experts')
    this.schema.dropTable('lawmaking_expert_registries')
    this.schema.dropTable('lawmaking_conclusion_remarks')
    this.schema.dropTable('lawmaking_conclusions')
    this.schema.dropTable('lawmaking_public_invitations')
    this.schema.dropTable('lawmaking_expert_profiles')
  }
}
