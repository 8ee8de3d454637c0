import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The social network's shared core (portal): a public profile per user and the
 * follows every area reads — the feed (whose publications), conversations
 * (who may message whom) and profiles (followers). Areas add their own tables.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_profiles', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.string('display_name', 120).notNullable()
      table.text('about').nullable()
      // the re-encoded avatar's Drive key (no metadata), null for none
      table.string('avatar_key', 200).nullable()
      table.string('municipality_code', 20).nullable()
      table.specificType('interests', 'text[]').notNullable().defaultTo('{}')
      // who may start a conversation with me: everyone, people I follow, nobody
      table.string('message_policy', 12).notNullable().defaultTo('everyone')
      // who sees my municipality: everyone, people I follow, nobody
      table.string('municipality_visibility', 12).notNullable().defaultTo('everyone')
      table.boolean('email_digest').notNullable().defaultTo(true)
      // an account deleted by its owner: what others replied to stays, as "deleted user"
      table.timestamp('deleted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table social_profiles add constraint social_profiles_message_policy check (message_policy in ('everyone', 'following', 'nobody'))`)
    this.schema.raw(`alter table social_profiles add constraint social_profiles_municipality_visibility check (municipality_visibility in ('everyone', 'following', 'nobody'))`)

    this.schema.createTable('social_follows', (table) => {
      table.integer('follower_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      // user: a user id; organisation: an organisation id; subject: a subject code (app/modules/social/subjects.ts); municipality: its code
      table.string('target_type', 16).notNullable()
      table.string('target_key', 40).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['follower_id', 'target_type', 'target_key'])
      table.index(['target_type', 'target_key'], 'social_follows_target_index')
    })
    this.schema.raw(`alter table social_follows add constraint social_follows_target_type check (target_type in ('user', 'organisation', 'subject', 'municipality'))`)
  }

  async down() {
    this.schema.dropTableIfExists('social_follows')
    this.schema.dropTableIfExists('social_profiles')
  }
}
