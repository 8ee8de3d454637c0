import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Citizens suggest priorities for moderation: a suggestion is a priority in
 * status `suggested` with its author (a suggestion is no vote, so it may name
 * its author; it is never published with it).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('priority_items', (table) => {
      table.integer('suggested_by').nullable()
    })
  }

  async down() {
    this.schema.alterTable('priority_items', (table) => {
      table.dropColumn('suggested_by')
    })
  }
}
