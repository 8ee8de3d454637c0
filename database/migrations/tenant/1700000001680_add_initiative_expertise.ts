import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Independent expertise of citizens' initiatives as well as of drafts. In
 * the portal an invitation and a conclusion are of a draft or of an
 * initiative (exactly one); a conclusion on an initiative has no version
 * (an initiative has no clauses). A moderator is told once when an
 * initiative's invitation is overdue (the moderators invited). In a body the
 * initiative's case keeps the conclusions the portal sent it.
 */
export default class extends BaseSchema {
  async up() {
    for (const table of ['lawmaking_public_invitations', 'lawmaking_conclusions']) {
      this.schema.alterTable(table, (builder) => {
        builder.integer('initiative_id').nullable().references('id').inTable('lawmaking_initiatives').onDelete('CASCADE')
        builder.setNullable('draft_id')
      })
      this.schema.raw(`alter table ${table} add constraint ${table}_subject_check check ((draft_id is null) <> (initiative_id is null))`)
    }
    this.schema.alterTable('lawmaking_public_invitations', (table) => {
      table.unique(['initiative_id', 'expert_id'])
      table.timestamp('overdue_flagged_at', { useTz: true }).nullable()
    })
    this.schema.alterTable('lawmaking_conclusions', (table) => {
      table.setNullable('version_number')
      table.index(['initiative_id', 'id'])
    })
    // a draft's conclusion names the version it reviewed; an initiative's none
    this.schema.raw(`alter table lawmaking_conclusions add constraint lawmaking_conclusions_version_check check ((draft_id is null) = (version_number is null))`)

    // ---- the body's side ----
    this.schema.createTable('lawmaking_case_conclusions', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('lawmaking_initiative_cases').onDelete('CASCADE')
      // the portal's conclusion and invitation: a repeated message changes nothing
      table.integer('origin_conclusion_id').notNullable()
      table.uuid('invitation_key').notNullable()
      table.string('expert_name', 120).notNullable()
      table.string('expert_organisation', 300).notNullable()
      table.string('verdict', 32).notNullable()
      table.text('summary').notNullable()
      table.string('file_key', 500).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 64).notNullable()
      table.integer('file_size').notNullable()
      table.timestamp('filed_at', { useTz: true }).notNullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.unique(['case_id', 'origin_conclusion_id'])
    })
    this.schema.raw(
      `alter table lawmaking_case_conclusions add constraint lawmaking_case_conclusions_verdict_check check (verdict in ('supported', 'supported_with_remarks', 'not_supported'))`
    )
  }

  async down() {
    this.schema.dropTable('lawmaking_case_conclusions')
    this.schema.raw('alter table lawmaking_conclusions drop constraint lawmaking_conclusions_version_check')
    // rows of initiatives cannot go back into tables where every row is a draft's
    this.schema.raw('delete from lawmaking_conclusions where initiative_id is not null')
    this.schema.raw('delete from lawmaking_public_invitations where initiative_id is not null')
    this.schema.alterTable('lawmaking_conclusions', (table) => {
      table.dropIndex(['initiative_id', 'id'])
      table.dropNullable('version_number')
    })
    this.schema.alterTable('lawmaking_public_invitations', (table) => {
      table.dropUnique(['initiative_id', 'expert_id'])
      table.dropColumn('overdue_flagged_at')
    })
    for (const table of ['lawmaking_public_invitations', 'lawmaking_conclusions']) {
      this.schema.raw(`alter table ${table} drop constraint ${table}_subject_check`)
      this.schema.alterTable(table, (builder) => {
        builder.dropColumn('initiative_id')
        builder.dropNullable('draft_id')
      })
    }
  }
}
