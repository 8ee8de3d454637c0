import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Portal (issue 13): when the body confirmed over the bus that the current
 * round reached a department's queue (null: still being sent), and the
 * routed department's English name for the English pages.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('problems', (table) => {
      table.timestamp('received_at', { useTz: true }).nullable()
      table.string('routed_department_name_en', 255).nullable()
    })
  }

  async down() {
    this.schema.alterTable('problems', (table) => {
      table.dropColumn('received_at')
      table.dropColumn('routed_department_name_en')
    })
  }
}
