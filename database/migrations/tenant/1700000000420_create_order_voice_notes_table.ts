import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Voice orders: a recording (stored as an order attachment) and the state of
 * its transcription. The recording row is written before a job is queued, so
 * a failing speech-to-text service never loses audio.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('order_voice_notes', (table) => {
      table.increments('id')
      table.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('attachment_id').notNullable().unique().references('id').inTable('order_attachments').onDelete('CASCADE')
      table.string('transcript_status', 16).notNullable().defaultTo('pending')
      table.text('transcript').nullable()
      table.text('transcript_error').nullable()
      table.integer('transcript_attempts').notNullable().defaultTo(0)
      table.timestamp('transcribed_at', { useTz: true }).nullable()
      table.timestamp('applied_at', { useTz: true }).nullable()
      table.integer('created_by').notNullable().references('id').inTable('users')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['order_id'])
    })
    this.schema.raw(
      `alter table order_voice_notes add constraint order_voice_notes_status_check check (transcript_status in ('pending', 'done', 'failed', 'not_configured'))`
    )
  }

  async down() {
    this.schema.dropTable('order_voice_notes')
  }
}
