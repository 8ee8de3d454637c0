import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The social network's publications area (portal): subject communities,
 * publications with photos, likes, threaded comments with votes, and
 * galleries of photos with places. Every table a user writes to carries
 * `hidden_at`, set by the one moderation queue; the area's own queries honour it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_communities', (table) => {
      table.increments('id')
      table.string('title', 200).notNullable()
      table.string('subject_code', 40).notNullable()
      table.text('description').notNullable()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.integer('members_count').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['subject_code'])
    })

    // experts who moderate a community (appointed by moderators/admins)
    this.schema.createTable('social_community_moderators', (table) => {
      table.integer('community_id').notNullable().references('id').inTable('social_communities').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.primary(['community_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('social_community_members', (table) => {
      table.integer('community_id').notNullable().references('id').inTable('social_communities').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['community_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('social_publications', (table) => {
      table.increments('id')
      // null once the author's account is gone and the publication stays for others' replies
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      // an organisation's publication (profiles area's organisations; no foreign key across areas)
      table.integer('organisation_id').nullable()
      table.integer('community_id').nullable().references('id').inTable('social_communities').onDelete('SET NULL')
      table.string('title', 200).notNullable()
      // the Markdown source as typed, and its sanitized rendering (rendered once, on write)
      table.text('body').notNullable()
      table.text('body_html').notNullable()
      table.string('excerpt', 320).notNullable()
      table.string('subject_code', 40).notNullable()
      table.string('municipality_code', 20).nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      // a link to a problem, a public draft act, a priority or a suggestion
      table.string('link_type', 16).nullable()
      table.integer('link_id').nullable()
      table.integer('likes_count').notNullable().defaultTo(0)
      table.integer('comments_count').notNullable().defaultTo(0)
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(`alter table social_publications add constraint social_publications_link check ((link_type is null and link_id is null) or (link_type in ('problem', 'draft_act', 'priority', 'suggestion') and link_id is not null))`)
    // the feed and the catalogue read newest first by id, one index per kind of follow (see docs/social-publications.md)
    this.schema.raw('create index social_publications_visible on social_publications (id desc) where hidden_at is null')
    this.schema.raw('create index social_publications_author on social_publications (author_id, id desc) where hidden_at is null')
    this.schema.raw('create index social_publications_subject on social_publications (subject_code, id desc) where hidden_at is null')
    this.schema.raw('create index social_publications_municipality on social_publications (municipality_code, id desc) where hidden_at is null')
    this.schema.raw('create index social_publications_organisation on social_publications (organisation_id, id desc) where hidden_at is null and organisation_id is not null')
    this.schema.raw('create index social_publications_community on social_publications (community_id, id desc) where community_id is not null')
    this.schema.raw('create index social_publications_tags on social_publications using gin (tags)')
    // the author's own list (hidden ones included)
    this.schema.raw('create index social_publications_own on social_publications (author_id, id desc)')

    this.schema.createTable('social_publication_photos', (table) => {
      table.increments('id')
      table.integer('publication_id').notNullable().references('id').inTable('social_publications').onDelete('CASCADE')
      table.string('storage_key', 300).notNullable()
      table.string('thumb_key', 300).notNullable()
      table.string('mime_type', 40).notNullable()
      table.integer('width').notNullable()
      table.integer('height').notNullable()
      table.smallint('position').notNullable()
      table.index(['publication_id', 'position'])
    })

    this.schema.createTable('social_publication_likes', (table) => {
      table.integer('publication_id').notNullable().references('id').inTable('social_publications').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['publication_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('social_comments', (table) => {
      table.increments('id')
      table.integer('publication_id').notNullable().references('id').inTable('social_publications').onDelete('CASCADE')
      // the top-level comment of the thread (itself for a top-level one is null) and the one answered
      table.integer('root_id').nullable().references('id').inTable('social_comments').onDelete('CASCADE')
      table.integer('parent_id').nullable().references('id').inTable('social_comments').onDelete('CASCADE')
      table.smallint('depth').notNullable().defaultTo(0)
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.text('body').notNullable()
      table.integer('up_count').notNullable().defaultTo(0)
      table.integer('down_count').notNullable().defaultTo(0)
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    // a page of threads: top-level comments in order, then every reply of those threads
    this.schema.raw('create index social_comments_roots on social_comments (publication_id, id) where parent_id is null')
    this.schema.raw('create index social_comments_threads on social_comments (root_id, id) where root_id is not null')
    this.schema.raw('create index social_comments_author on social_comments (author_id)')

    this.schema.createTable('social_comment_votes', (table) => {
      table.integer('comment_id').notNullable().references('id').inTable('social_comments').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.smallint('value').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['comment_id', 'user_id'])
      table.index(['user_id'])
    })
    this.schema.raw(`alter table social_comment_votes add constraint social_comment_votes_value check (value in (-1, 1))`)

    this.schema.createTable('social_galleries', (table) => {
      table.increments('id')
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('title', 200).notNullable()
      table.text('description').notNullable().defaultTo('')
      table.string('subject_code', 40).nullable()
      table.string('municipality_code', 20).nullable()
      table.integer('photos_count').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw('create index social_galleries_list on social_galleries (id desc)')
    this.schema.raw('create index social_galleries_author on social_galleries (author_id, id desc)')

    this.schema.createTable('social_gallery_photos', (table) => {
      table.increments('id')
      table.integer('gallery_id').notNullable().references('id').inTable('social_galleries').onDelete('CASCADE')
      table.integer('author_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('storage_key', 300).notNullable()
      table.string('thumb_key', 300).notNullable()
      table.string('mime_type', 40).notNullable()
      table.integer('width').notNullable()
      table.integer('height').notNullable()
      table.string('caption', 500).notNullable().defaultTo('')
      table.double('lat').nullable()
      table.double('lon').nullable()
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['gallery_id', 'id'])
    })
  }

  async down() {
    for (const name of [
      'social_gallery_photos',
      'social_galleries',
      'social_comment_votes',
      'social_comments',
      'social_publication_likes',
      'social_publication_photos',
      'social_publications',
      'social_community_members',
      'social_community_moderators',
      'social_communities',
    ]) {
      this.schema.dropTableIfExists(name)
    }
  }
}
