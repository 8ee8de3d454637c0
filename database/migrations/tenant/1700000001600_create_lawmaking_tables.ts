import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Law-making. In a body (block or municipality): the draft acts its
 * departments prepare, their immutable versions cut into clauses with
 * stable keys, and the remarks the portal forwards, each waiting for the
 * developer's decision. In the portal: the published copy of every draft
 * (what the bus brought), citizens' remarks with replies and support, and
 * the public timeline (append-only). Every tenant gets every table; each
 * side fills only its own.
 */
export default class extends BaseSchema {
  async up() {
    // ---- the authority's side ----
    this.schema.createTable('lawmaking_drafts', (table) => {
      table.increments('id')
      table.string('title', 500).notNullable()
      table.string('kind', 32).notNullable()
      table.string('level', 16).notNullable()
      table.string('municipality_code', 64).nullable()
      table.string('subject_area', 64).notNullable()
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.integer('responsible_id').notNullable().references('id').inTable('users')
      table.text('explanatory_note').notNullable()
      table.string('stage', 32).notNullable().defaultTo('preparation')
      table.text('pending_text').nullable()
      table.date('consultation_starts_on').nullable()
      table.date('consultation_ends_on').nullable()
      table.date('decide_by').nullable()
      table.integer('current_version').notNullable().defaultTo(0)
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['department_id', 'stage'])
    })
    this.schema.raw(`alter table lawmaking_drafts add constraint lawmaking_drafts_kind_check check (kind in ('law', 'decree', 'resolution', 'municipal_act'))`)
    this.schema.raw(`alter table lawmaking_drafts add constraint lawmaking_drafts_level_check check (level in ('regional', 'municipal'))`)
    this.schema.raw(`alter table lawmaking_drafts add constraint lawmaking_drafts_stage_check check (stage in ('preparation', 'discussion', 'reaction', 'completed'))`)
    this.schema.raw(`alter table lawmaking_drafts add constraint lawmaking_drafts_period_check check (consultation_ends_on is null or consultation_ends_on >= consultation_starts_on)`)

    this.schema.createTable('lawmaking_versions', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_drafts').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.text('change_summary').nullable()
      table.integer('published_by').notNullable().references('id').inTable('users')
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.unique(['draft_id', 'number'])
    })

    // A clause of one version; `clause_key` is the same in every version that keeps the clause.
    this.schema.createTable('lawmaking_clauses', (table) => {
      table.increments('id')
      table.integer('version_id').notNullable().references('id').inTable('lawmaking_versions').onDelete('CASCADE')
      table.uuid('clause_key').notNullable()
      table.uuid('parent_key').nullable()
      table.integer('position').notNullable()
      table.integer('depth').notNullable()
      table.string('label', 64).notNullable()
      table.text('text').notNullable()
      // the version in which this text first appeared: remarks made since then still apply
      table.integer('changed_in').notNullable()
      table.unique(['version_id', 'clause_key'])
      table.index(['version_id', 'position'])
    })

    // A remark the portal forwarded; the developer department decides on each.
    this.schema.createTable('lawmaking_received_remarks', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_drafts').onDelete('CASCADE')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_remark_id').notNullable()
      table.integer('version_number').notNullable()
      table.uuid('clause_key').notNullable()
      table.text('fragment').nullable()
      table.text('text').notNullable()
      table.text('proposed_wording').nullable()
      table.text('reason').nullable()
      table.string('author_name', 80).notNullable()
      table.timestamp('submitted_at', { useTz: true }).notNullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.string('decision', 32).nullable()
      table.text('decision_reason').nullable()
      table.uuid('decided_clause_key').nullable()
      table.integer('decided_by').nullable().references('id').inTable('users')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.unique(['origin_tenant', 'origin_remark_id'])
      table.index(['draft_id', 'decision'])
    })
    this.schema.raw(
      `alter table lawmaking_received_remarks add constraint lawmaking_received_remarks_decision_check check (decision in ('accepted', 'partly_accepted', 'rejected', 'out_of_scope'))`
    )
    // a rejection or an out-of-scope remark always says why
    this.schema.raw(
      `alter table lawmaking_received_remarks add constraint lawmaking_received_remarks_reason_check check (decision is null or decision in ('accepted', 'partly_accepted') or length(coalesce(decision_reason, '')) > 0)`
    )

    // ---- the portal's side ----
    this.schema.createTable('lawmaking_public_drafts', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_draft_id').notNullable()
      table.string('title', 500).notNullable()
      table.string('kind', 32).notNullable()
      table.string('level', 16).notNullable()
      table.string('municipality_code', 64).nullable()
      table.string('subject_area', 64).notNullable()
      table.string('developer_code', 64).notNullable()
      table.string('developer_name_ru', 255).notNullable()
      table.string('developer_name_en', 255).notNullable()
      table.string('body_name_ru', 255).notNullable()
      table.string('body_name_en', 255).notNullable()
      table.text('explanatory_note').notNullable()
      table.string('stage', 32).notNullable()
      table.date('consultation_starts_on').nullable()
      table.date('consultation_ends_on').nullable()
      table.integer('current_version').notNullable()
      table.integer('remarks_count').notNullable().defaultTo(0)
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['origin_tenant', 'origin_draft_id'])
      table.index(['published_at', 'id'])
      table.index(['stage', 'published_at'])
    })

    this.schema.createTable('lawmaking_public_versions', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.integer('number').notNullable()
      table.text('change_summary').nullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.unique(['draft_id', 'number'])
    })

    this.schema.createTable('lawmaking_public_clauses', (table) => {
      table.increments('id')
      table.integer('version_id').notNullable().references('id').inTable('lawmaking_public_versions').onDelete('CASCADE')
      table.uuid('clause_key').notNullable()
      table.uuid('parent_key').nullable()
      table.integer('position').notNullable()
      table.integer('depth').notNullable()
      table.string('label', 64).notNullable()
      table.text('text').notNullable()
      table.integer('changed_in').notNullable()
      table.unique(['version_id', 'clause_key'])
      table.index(['version_id', 'position'])
    })

    this.schema.createTable('lawmaking_remarks', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.integer('version_number').notNullable()
      table.uuid('clause_key').notNullable()
      table.integer('parent_id').nullable().references('id').inTable('lawmaking_remarks').onDelete('CASCADE')
      table.integer('author_id').notNullable().references('id').inTable('users')
      table.text('fragment').nullable()
      table.text('text').notNullable()
      table.text('proposed_wording').nullable()
      table.text('reason').nullable()
      table.integer('support_count').notNullable().defaultTo(0)
      table.string('decision', 32).nullable()
      table.text('decision_reason').nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.text('hidden_reason').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['draft_id', 'clause_key', 'id'])
      table.index(['author_id', 'id'])
    })

    this.schema.createTable('lawmaking_remark_supports', (table) => {
      table.integer('remark_id').notNullable().references('id').inTable('lawmaking_remarks').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['remark_id', 'user_id'])
    })

    // The public timeline: rows are only ever added (a trigger refuses the rest).
    this.schema.createTable('lawmaking_events', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts')
      table.string('kind', 32).notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['draft_id', 'id'])
    })
    this.schema.raw(`
      create function lawmaking_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the law-making timeline is append-only';
      end $$`)
    this.schema.raw(`
      create trigger lawmaking_events_append_only before update or delete on lawmaking_events
      for each row execute function lawmaking_events_append_only()`)
  }

  async down() {
    this.schema.dropTable('lawmaking_events')
    this.schema.raw('drop function if exists lawmaking_events_append_only()')
    this.schema.dropTable('lawmaking_remark_supports')
    this.schema.dropTable('lawmaking_remarks')
    this.schema.dropTable('lawmaking_public_clauses')
    this.schema.dropTable('lawmaking_public_versions')
    this.schema.dropTable('lawmaking_public_drafts')
    this.schema.dropTable('lawmaking_received_remarks')
    this.schema.dropTable('lawmaking_clauses')
    this.schema.dropTable('lawmaking_versions')
    this.schema.dropTable('lawmaking_drafts')
  }
}
