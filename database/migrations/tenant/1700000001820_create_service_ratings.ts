import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Government service ratings. In a body (block or municipality): the services
 * it provides (`service_catalogue`, published to the portal over the bus) and
 * the follow-ups of low ratings it must answer (`service_follow_ups`). On the
 * portal: its copy of every body's services (`service_ratings_services`,
 * editable by its admins) and the citizens' ratings (`service_ratings`).
 * Every tenant gets every table; each side fills its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('service_catalogue', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('name_ru', 500).notNullable()
      table.string('name_en', 500).notNullable()
      table.string('department_code', 64).notNullable()
      table.enum('channel', ['mfc', 'online', 'office']).notNullable()
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('service_ratings_services', (table) => {
      table.increments('id')
      table.string('body_slug', 64).notNullable()
      table.string('body_kind', 16).notNullable()
      table.string('body_name_ru', 500).notNullable()
      table.string('body_name_en', 500).notNullable()
      table.string('code', 64).notNullable()
      table.string('name_ru', 500).notNullable()
      table.string('name_en', 500).notNullable()
      table.string('department_code', 64).notNullable()
      table.enum('channel', ['mfc', 'online', 'office']).notNullable()
      // the body's word (replaced by each publication) and the portal admins' (kept across publications)
      table.boolean('published_active').notNullable().defaultTo(true)
      table.boolean('admin_hidden').notNullable().defaultTo(false)
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['body_slug', 'code'])
    })

    this.schema.createTable('service_ratings', (table) => {
      table.increments('id')
      table.integer('service_id').notNullable().references('id').inTable('service_ratings_services').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      // the first day of the month (region time) the rating counts for
      table.date('month').notNullable()
      for (const criterion of ['time', 'waiting', 'staff', 'premises', 'information']) {
        table.smallint(`mark_${criterion}`).notNullable()
      }
      table.text('comment').nullable()
      table.string('photo_key', 500).nullable()
      table.string('photo_mime', 64).nullable()
      // follow-up of a low rating with a comment: none | sent | received | answered
      table.string('follow_up', 16).notNullable().defaultTo('none')
      table.date('respond_by').nullable()
      table.text('answer_text').nullable()
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.boolean('answer_helpful').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['service_id', 'user_id', 'month'])
    })
    this.schema.raw(`alter table service_ratings add constraint service_ratings_marks_check check (
      mark_time between 1 and 5 and mark_waiting between 1 and 5 and mark_staff between 1 and 5
      and mark_premises between 1 and 5 and mark_information between 1 and 5)`)
    this.schema.raw('create index service_ratings_month_index on service_ratings (month, service_id)')

    this.schema.createTable('service_follow_ups', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_rating_id').notNullable()
      table.string('service_code', 64).notNullable()
      table.string('service_name', 500).notNullable()
      table.string('department_code', 64).notNullable()
      table.jsonb('marks').notNullable()
      table.text('comment').notNullable()
      table.date('rated_on').notNullable()
      table.date('respond_by').notNullable()
      table.string('status', 16).notNullable().defaultTo('open')
      table.text('answer_text').nullable()
      table.integer('answered_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.timestamp('reminded_at', { useTz: true }).nullable()
      table.timestamp('escalated_at', { useTz: true }).nullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.unique(['origin_tenant', 'origin_rating_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('service_follow_ups')
    this.schema.dropTableIfExists('service_ratings')
    this.schema.dropTableIfExists('service_ratings_services')
    this.schema.dropTableIfExists('service_catalogue')
  }
}
