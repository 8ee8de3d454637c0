import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Citizens' legislative initiatives. In the portal: the initiative a
 * citizen writes (moderated, discussed, supported, forwarded to an
 * authority, answered), its supporters and its public timeline
 * (append-only). In a body (block or municipality): the initiative as the
 * portal forwarded it, waiting for the department's answer by its due
 * date, and the draft act and order it may lead to. Every tenant gets every
 * table; each side fills only its own.
 */
export default class extends BaseSchema {
  async up() {
    // ---- the portal's side ----
    this.schema.createTable('lawmaking_initiatives', (table) => {
      table.increments('id')
      table.integer('author_id').notNullable().references('id').inTable('users')
      table.string('title', 300).notNullable()
      table.text('problem').notNullable()
      table.text('goal').notNullable()
      table.text('proposal').notNullable()
      table.string('level', 16).notNullable()
      table.string('municipality_code', 64).nullable()
      table.string('subject_area', 64).notNullable()
      table.string('status', 16).notNullable().defaultTo('moderation')
      table.text('moderation_reason').nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      table.integer('support_count').notNullable().defaultTo(0)
      // the support threshold of its level was reached (ready to forward)
      table.timestamp('ready_at', { useTz: true }).nullable()
      table.string('target_tenant', 64).nullable()
      table.string('target_department_code', 64).nullable()
      table.string('target_department_name_ru', 255).nullable()
      table.string('target_department_name_en', 255).nullable()
      table.string('target_body_name_ru', 255).nullable()
      table.string('target_body_name_en', 255).nullable()
      table.timestamp('forwarded_at', { useTz: true }).nullable()
      table.date('respond_by').nullable()
      table.timestamp('received_at', { useTz: true }).nullable()
      table.string('answer', 32).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.string('order_number', 32).nullable()
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'published_at'])
      table.index(['author_id', 'id'])
    })
    this.schema.raw(`alter table lawmaking_initiatives add constraint lawmaking_initiatives_level_check check (level in ('regional', 'municipal'))`)
    this.schema.raw(
      `alter table lawmaking_initiatives add constraint lawmaking_initiatives_status_check check (status in ('moderation', 'rejected', 'discussion', 'forwarded', 'answered'))`
    )
    this.schema.raw(
      `alter table lawmaking_initiatives add constraint lawmaking_initiatives_answer_check check (answer in ('accepted_for_drafting', 'included_in_plan', 'rejected'))`
    )
    this.schema.raw(
      `alter table lawmaking_initiatives add constraint lawmaking_initiatives_municipality_check check ((level = 'municipal') = (municipality_code is not null))`
    )

    this.schema.createTable('lawmaking_initiative_supports', (table) => {
      table.integer('initiative_id').notNullable().references('id').inTable('lawmaking_initiatives').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['initiative_id', 'user_id'])
    })

    // The public timeline: rows are only ever added (a trigger refuses the rest).
    this.schema.createTable('lawmaking_initiative_events', (table) => {
      table.increments('id')
      table.integer('initiative_id').notNullable().references('id').inTable('lawmaking_initiatives')
      table.string('kind', 32).notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['initiative_id', 'id'])
    })
    this.schema.raw(`
      create function lawmaking_initiative_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the initiative timeline is append-only';
      end $$`)
    this.schema.raw(`
      create trigger lawmaking_initiative_events_append_only before update or delete on lawmaking_initiative_events
      for each row execute function lawmaking_initiative_events_append_only()`)

    // ---- the authority's side ----
    this.schema.createTable('lawmaking_initiative_cases', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_initiative_id').notNullable()
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.string('title', 300).notNullable()
      table.text('problem').notNullable()
      table.text('goal').notNullable()
      table.text('proposal').notNullable()
      table.string('level', 16).notNullable()
      table.string('municipality_code', 64).nullable()
      table.string('subject_area', 64).notNullable()
      table.integer('support_count').notNullable()
      // the author's public name as the portal shows it (no e-mail)
      table.string('author_name', 80).notNullable()
      table.timestamp('forwarded_at', { useTz: true }).notNullable()
      table.date('due_on').notNullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.timestamp('reminded_at', { useTz: true }).nullable()
      table.timestamp('escalated_at', { useTz: true }).nullable()
      table.string('answer', 32).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.integer('answered_by').nullable().references('id').inTable('users')
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.integer('draft_id').nullable().references('id').inTable('lawmaking_drafts').onDelete('SET NULL')
      table.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.unique(['origin_tenant', 'origin_initiative_id'])
      table.index(['department_id', 'answer', 'due_on'])
    })
    this.schema.raw(
      `alter table lawmaking_initiative_cases add constraint lawmaking_initiative_cases_answer_check check (answer in ('accepted_for_drafting', 'included_in_plan', 'rejected'))`
    )
    // a rejection always says why; a plan always has its date
    this.schema.raw(
      `alter table lawmaking_initiative_cases add constraint lawmaking_initiative_cases_reason_check check (answer is distinct from 'rejected' or length(coalesce(answer_text, '')) > 0)`
    )
    this.schema.raw(
      `alter table lawmaking_initiative_cases add constraint lawmaking_initiative_cases_plan_check check (answer is distinct from 'included_in_plan' or planned_on is not null)`
    )
    // the draft act prepared on an accepted initiative
    this.schema.raw('alter table lawmaking_drafts add column initiative_id integer null references lawmaking_initiative_cases(id) on delete set null')
  }

  async down() {
    this.schema.raw('alter table lawmaking_drafts drop column initiative_id')
    this.schema.dropTable('lawmaking_initiative_cases')
    this.schema.dropTable('lawmaking_initiative_events')
    this.schema.raw('drop function if exists lawmaking_initiative_events_append_only()')
    this.schema.dropTable('lawmaking_initiative_supports')
    this.schema.dropTable('lawmaking_initiatives')
  }
}
