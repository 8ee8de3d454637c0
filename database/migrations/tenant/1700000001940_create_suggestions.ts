import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Suggestions (предложения по решению проблем). On the portal: the
 * suggestions, their supports, timeline and attachments, and the support
 * threshold per category. In a body (block or municipality): its copy of a
 * suggestion sent to it (`suggestion_cases`), which it answers within 10 days.
 * Every tenant gets every table; each side fills its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('suggestion_categories', (table) => {
      table.string('code', 32).primary()
      table.smallint('position').notNullable()
      // supports that send a public suggestion to its body without a moderator (portal admins change it)
      table.integer('threshold').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`
      insert into suggestion_categories (code, position, threshold, updated_at) values
        ('transport_organisation', 1, 100, now()), ('transport_route', 2, 100, now()), ('regulation', 3, 100, now()),
        ('order_change', 4, 100, now()), ('other', 5, 100, now())`)

    this.schema.createTable('suggestions', (table) => {
      table.increments('id')
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('category', 32).notNullable().references('code').inTable('suggestion_categories')
      table.string('title', 200).notNullable()
      table.text('content').notNullable()
      // a public transport route: a GeoJSON LineString (checked on the server), with its bounding box for the map
      table.jsonb('route').nullable()
      table.double('min_lat').nullable()
      table.double('min_lng').nullable()
      table.double('max_lat').nullable()
      table.double('max_lng').nullable()
      table.string('municipality_code', 64).notNullable()
      // the addressed body from the portal's directory (known_bodies), its names kept as they were when chosen
      table.string('body_slug', 64).notNullable()
      table.string('body_name_ru', 500).notNullable()
      table.string('body_name_en', 500).notNullable()
      table.string('link_type', 16).nullable()
      table.integer('link_id').nullable()
      table.string('link_title', 500).nullable()
      // moderation → public → sent → accepted | planned | rejected; declined (by a moderator); returned ("not ours", back to the moderators)
      table.string('status', 16).notNullable().defaultTo('moderation')
      table.integer('supports_count').notNullable().defaultTo(0)
      table.integer('round').notNullable().defaultTo(0)
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('respond_by', { useTz: true }).nullable()
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.boolean('answered_in_time').nullable()
      table.string('answer_kind', 16).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.string('order_number', 64).nullable()
      table.string('initiative_title', 500).nullable()
      table.text('moderation_note').nullable()
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      `alter table suggestions add constraint suggestions_status_check check (status in ('moderation', 'declined', 'public', 'sent', 'returned', 'accepted', 'planned', 'rejected'))`
    )
    this.schema.raw(`alter table suggestions add constraint suggestions_link_check check ((link_type is null) = (link_id is null) and (link_type is null or link_type in ('problem', 'priority', 'draft')))`)
    // the catalogue: newest first among what the public sees, with its filters
    this.schema.raw(`create index suggestions_public_index on suggestions (id desc) where hidden_at is null and status not in ('moderation', 'declined')`)
    this.schema.raw(`create index suggestions_filters_index on suggestions (category, status, municipality_code, body_slug, id desc) where hidden_at is null`)
    this.schema.raw(`create index suggestions_author_index on suggestions (author_id, id desc)`)
    this.schema.raw(`create index suggestions_queue_index on suggestions (status, id) where status in ('moderation', 'returned')`)
    this.schema.raw(`create index suggestions_due_index on suggestions (respond_by) where status = 'sent'`)
    // statistics per body: read from the index alone (the suggestions sent, not hidden)
    this.schema.raw(
      `create index suggestions_stats_index on suggestions (body_slug, body_name_ru, body_name_en) include (status, answer_kind, answered_in_time, respond_by) where sent_at is not null and hidden_at is null`
    )
    // the map: a viewport box overlaps a suggestion's box (built-in geometry, no PostGIS)
    this.schema.raw(
      `create index suggestions_map_index on suggestions using gist (box(point(min_lng, min_lat), point(max_lng, max_lat))) where hidden_at is null and min_lat is not null and status not in ('moderation', 'declined')`
    )

    this.schema.createTable('suggestion_supports', (table) => {
      table.integer('suggestion_id').notNullable().references('id').inTable('suggestions').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['suggestion_id', 'user_id'])
      table.index(['user_id'], 'suggestion_supports_user_index')
    })

    this.schema.createTable('suggestion_events', (table) => {
      table.bigIncrements('id')
      table.integer('suggestion_id').notNullable().references('id').inTable('suggestions').onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.integer('actor_id').nullable()
      table.boolean('is_public').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['suggestion_id', 'id'], 'suggestion_events_suggestion_index')
    })

    this.schema.createTable('suggestion_attachments', (table) => {
      table.increments('id')
      table.integer('suggestion_id').notNullable().references('id').inTable('suggestions').onDelete('CASCADE')
      table.string('storage_key', 500).notNullable()
      table.string('mime_type', 64).notNullable()
      table.string('name', 255).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['suggestion_id'], 'suggestion_attachments_suggestion_index')
    })

    // a body's copy: no author, no personal data — the suggestion, its supports and the deadline
    this.schema.createTable('suggestion_cases', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_suggestion_id').notNullable()
      table.integer('round').notNullable()
      table.string('category', 32).notNullable()
      table.string('title', 200).notNullable()
      table.text('content').notNullable()
      table.jsonb('route').nullable()
      table.string('municipality_code', 64).notNullable()
      table.integer('supports').notNullable().defaultTo(0)
      table.string('portal_url', 500).notNullable()
      // open → accepted | planned | rejected | returned
      table.string('status', 16).notNullable().defaultTo('open')
      table.timestamp('deadline', { useTz: true }).notNullable()
      table.string('answer_kind', 16).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.integer('order_id').nullable()
      table.string('order_number', 64).nullable()
      table.integer('answered_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.timestamp('reminded_at', { useTz: true }).nullable()
      table.timestamp('escalated_at', { useTz: true }).nullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.unique(['origin_tenant', 'origin_suggestion_id'])
    })
    this.schema.raw(`create index suggestion_cases_queue_index on suggestion_cases (status, deadline, id)`)
  }

  async down() {
    for (const name of ['suggestion_cases', 'suggestion_attachments', 'suggestion_events', 'suggestion_supports', 'suggestions', 'suggestion_categories']) {
      this.schema.dropTableIfExists(name)
    }
  }
}
