import { BaseSchema } from '@adonisjs/lucid/schema'

/** An optional photo of a priority (re-encoded by the problems' photo reader; the key in Drive and its type). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('priority_items', (table) => {
      table.string('photo_key', 300).nullable()
      table.string('photo_mime', 40).nullable()
    })
  }

  async down() {
    this.schema.alterTable('priority_items', (table) => {
      table.dropColumn('photo_key')
      table.dropColumn('photo_mime')
    })
  }
}
