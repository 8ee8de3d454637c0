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
    // Bodies did not acknowledge before this version: a problem routed earlier counts as received when routed.
    this.schema.raw('update problems set received_at = routed_at where routed_at is not null')
    // English names from the portal's own directory (a municipal department with its administration's name).
    this.schema.raw(
      `update problems p
          set routed_department_name_en = case when b.kind = 'municipality' then d.name_en || ' (' || b.name_en || ')' else d.name_en end
         from known_departments d
         join known_bodies b on b.slug = d.body_slug
        where d.body_slug = p.routed_tenant and d.code = p.routed_department_code`
    )
  }

  async down() {
    this.schema.alterTable('problems', (table) => {
      table.dropColumn('received_at')
      table.dropColumn('routed_department_name_en')
    })
  }
}
