import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Private conversations of the portal's social network: one-to-one and group
 * (≤ 50 members), their messages and attachments, members' read marks, and
 * user blocks. The list of a user's conversations and the unread badge are
 * read from the member rows alone (denormalized last message and unread
 * count), so neither ever scans messages.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_conversations', (table) => {
      table.bigIncrements('id')
      table.string('kind', 8).notNullable()
      // groups only; a one-to-one conversation is named after the other person
      table.string('title', 120).nullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      // '<smaller id>:<larger id>' of a one-to-one conversation: one per pair
      table.string('direct_key', 40).nullable().unique()
      table.bigInteger('last_message_id').nullable()
      table.timestamp('last_message_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table social_conversations add constraint social_conversations_kind check (kind in ('direct', 'group'))`)

    this.schema.createTable('social_conversation_members', (table) => {
      table.bigInteger('conversation_id').notNullable().references('id').inTable('social_conversations').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      // copied from the conversation on every message: the list is one index range per user
      table.bigInteger('last_message_id').notNullable().defaultTo(0)
      table.bigInteger('last_read_message_id').notNullable().defaultTo(0)
      table.integer('unread_count').notNullable().defaultTo(0)
      // the newest message an e-mail after a quiet period told about: above the read mark, that streak had its e-mail
      table.bigInteger('emailed_through_message_id').notNullable().defaultTo(0)
      table.timestamp('first_unread_at', { useTz: true }).nullable()
      table.timestamp('joined_at', { useTz: true }).notNullable()
      table.primary(['conversation_id', 'user_id'])
    })
    this.schema.raw('create index social_conversation_members_list on social_conversation_members (user_id, last_message_id desc, conversation_id)')
    // the header badge: only rows with something unread
    this.schema.raw('create index social_conversation_members_unread on social_conversation_members (user_id) include (unread_count) where unread_count > 0')
    // the quiet-period e-mail job: only rows waiting for one
    this.schema.raw('create index social_conversation_members_email_due on social_conversation_members (first_unread_at) where unread_count > 0 and emailed_through_message_id <= last_read_message_id')

    this.schema.createTable('social_messages', (table) => {
      table.bigIncrements('id')
      table.bigInteger('conversation_id').notNullable().references('id').inTable('social_conversations').onDelete('CASCADE')
      // null: the author deleted their account ("deleted user")
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.text('body').notNullable()
      // hidden by a moderator after a report: gone for everyone but its author and moderators
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    // covering: a page of a conversation is found from the index alone (conversation_queries.ts keeps the planner on it)
    this.schema.raw('create index social_messages_conversation on social_messages (conversation_id, id) include (author_id, hidden_at)')
    this.schema.raw('create index social_messages_author on social_messages (author_id) where author_id is not null')

    this.schema.createTable('social_message_attachments', (table) => {
      table.bigIncrements('id')
      table.bigInteger('message_id').notNullable().references('id').inTable('social_messages').onDelete('CASCADE')
      table.string('kind', 8).notNullable()
      table.string('file_key', 200).notNullable()
      table.string('mime_type', 60).notNullable()
      table.string('file_name', 200).notNullable()
      table.integer('size').notNullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.index(['message_id'], 'social_message_attachments_message')
    })
    this.schema.raw(`alter table social_message_attachments add constraint social_message_attachments_kind check (kind in ('image', 'pdf'))`)

    this.schema.createTable('social_user_blocks', (table) => {
      table.integer('blocker_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('blocked_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['blocker_id', 'blocked_id'])
      table.index(['blocked_id'], 'social_user_blocks_blocked')
    })

    // when a user last looked at their conversations: the quiet-period e-mail waits while they are around
    this.schema.createTable('social_messaging_presence', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('seen_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTableIfExists('social_messaging_presence')
    this.schema.dropTableIfExists('social_user_blocks')
    this.schema.dropTableIfExists('social_message_attachments')
    this.schema.dropTableIfExists('social_messages')
    this.schema.dropTableIfExists('social_conversation_members')
    this.schema.dropTableIfExists('social_conversations')
  }
}
