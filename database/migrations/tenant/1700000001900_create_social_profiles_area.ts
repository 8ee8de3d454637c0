import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The profiles area: moderators' hiding of a profile's about text and avatar,
 * public organisations with their members, the portal's copies of bodies'
 * official accounts, and (in a body) the body's own official account.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('social_profiles', (table) => {
      // a moderator hid the about text and the avatar (the author and moderators still see them)
      table.timestamp('hidden_at', { useTz: true }).nullable()
    })
    // "who follows me" and the followers count read by target; "whom I follow" by the primary key
    this.schema.raw(`create index social_profiles_interests_index on social_profiles using gin (interests)`)
    this.schema.raw(`create index social_profiles_municipality_index on social_profiles (municipality_code) where deleted_at is null`)

    this.schema.createTable('social_organisations', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.string('inn', 12).nullable()
      table.string('ogrn', 15).nullable()
      table.text('description').notNullable()
      table.string('site', 300).nullable()
      table.specificType('subjects', 'text[]').notNullable().defaultTo('{}')
      table.string('status', 12).notNullable().defaultTo('pending')
      table.text('review_reason').nullable()
      table.integer('reviewed_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.integer('applicant_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'id'], 'social_organisations_status_index')
    })
    this.schema.raw(`alter table social_organisations add constraint social_organisations_status check (status in ('pending', 'verified', 'rejected'))`)

    this.schema.createTable('social_organisation_members', (table) => {
      table.integer('organisation_id').notNullable().references('id').inTable('social_organisations').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('role', 8).notNullable()
      // invited by an owner and not yet accepted: not shown as a member, no badge
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['organisation_id', 'user_id'])
      table.index(['user_id'], 'social_organisation_members_user_index')
    })
    this.schema.raw(`alter table social_organisation_members add constraint social_organisation_members_role check (role in ('owner', 'editor', 'member'))`)

    // On the portal: the portal user that stands for a body's official account (one per body).
    this.schema.createTable('social_official_accounts', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.string('body_slug', 63).notNullable().unique()
      table.string('body_kind', 12).notNullable()
      table.string('name_ru', 300).notNullable()
      table.string('name_en', 300).notNullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // In a body: its own official account as its admin last saved it (one row).
    this.schema.createTable('social_body_account', (table) => {
      table.integer('id').primary()
      table.text('about').notNullable().defaultTo('')
      table.integer('updated_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table social_body_account add constraint social_body_account_single check (id = 1)`)
  }

  async down() {
    this.schema.dropTableIfExists('social_body_account')
    this.schema.dropTableIfExists('social_official_accounts')
    this.schema.dropTableIfExists('social_organisation_members')
    this.schema.dropTableIfExists('social_organisations')
    this.schema.raw('drop index if exists social_profiles_municipality_index')
    this.schema.raw('drop index if exists social_profiles_interests_index')
    this.schema.alterTable('social_profiles', (table) => table.dropColumn('hidden_at'))
  }
}
