import { BaseSchema } from '@adonisjs/lucid/schema'

/** A priority a municipality's administration proposed over the bus: the body's slug (on the portal). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('priority_items', (table) => {
      table.string('proposed_by_body', 64).nullable()
    })
  }

  async down() {
    this.schema.alterTable('priority_items', (table) => {
      table.dropColumn('proposed_by_body')
    })
  }
}
