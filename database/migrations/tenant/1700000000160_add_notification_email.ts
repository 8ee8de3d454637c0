import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * E-mail copies of notifications: each notification waits as `pending`
 * until the delivery job sends it (`sent`), finds nothing to send to
 * (`skipped`: the user turned e-mail off or was deactivated) or gives up
 * after repeated failures (`failed`). Users choose whether they get e-mail.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('notifications', (table) => {
      // Notifications that existed before e-mail did are not sent retroactively.
      table.string('email_status', 12).notNullable().defaultTo('skipped')
      table.smallint('email_attempts').notNullable().defaultTo(0)
      table.text('email_error').nullable()
      table.timestamp('emailed_at', { useTz: true }).nullable()
    })
    this.schema.raw(`alter table notifications alter column email_status set default 'pending'`)
    this.schema.raw(`create index notifications_email_pending on notifications (id) where email_status = 'pending'`)
    this.schema.alterTable('users', (table) => {
      table.boolean('email_notifications').notNullable().defaultTo(true)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('email_notifications')
    })
    this.schema.raw('drop index notifications_email_pending')
    this.schema.alterTable('notifications', (table) => {
      table.dropColumn('email_status')
      table.dropColumn('email_attempts')
      table.dropColumn('email_error')
      table.dropColumn('emailed_at')
    })
  }
}
