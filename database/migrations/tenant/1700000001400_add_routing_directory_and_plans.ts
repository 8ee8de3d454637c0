import { BaseSchema } from '@adonisjs/lucid/schema'

/** Regional themes the demo region routes to blocks (local ones go to municipalities). */
const THEMES: [string, string, string][] = [
  ['regional_roads', 'Региональные дороги', 'Regional roads'],
  ['healthcare', 'Здравоохранение', 'Healthcare'],
  ['intercity_transport', 'Междугородний транспорт', 'Transport between municipalities'],
]

/**
 * Routing to regional or municipal bodies (issue 12). In the portal: the
 * directory of bodies and their departments as the bodies publish it over
 * the bus (known_bodies, known_departments — the portal's own copy, never
 * read from a body), three regional themes, and a plan's completion on a
 * problem. In a body: a case's plan reminder and completion.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const last = await db.from('problem_themes').max('position as position').first()
      let position = Number(last?.position ?? 0)
      for (const [code, nameRu, nameEn] of THEMES) {
        await db.rawQuery(
          'insert into problem_themes (code, name_ru, name_en, position) values (?, ?, ?, ?) on conflict (code) do nothing',
          [code, nameRu, nameEn, ++position]
        )
      }
    })

    // Portal: one row per body tenant that published its directory (the newest publication wins).
    this.schema.createTable('known_bodies', (table) => {
      table.string('slug', 64).primary()
      table.string('kind', 32).notNullable()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.createTable('known_departments', (table) => {
      table.increments('id')
      table.string('body_slug', 64).notNullable().references('slug').inTable('known_bodies').onDelete('CASCADE')
      table.string('code', 64).notNullable()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.boolean('is_active').notNullable()
      /** At least one active user works in it (a head or an executor). */
      table.boolean('staffed').notNullable()
      table.unique(['body_slug', 'code'])
    })

    // Portal: a planned answer later reported done (with photos, as answers are).
    this.schema.alterTable('problems', (table) => {
      table.timestamp('plan_done_at', { useTz: true }).nullable()
      table.text('plan_done_text').nullable()
    })

    // Body: the plan's date reminder (once per round) and its completion.
    this.schema.alterTable('problem_cases', (table) => {
      table.timestamp('plan_reminded_at', { useTz: true }).nullable()
      table.timestamp('plan_done_at', { useTz: true }).nullable()
      table.text('plan_done_text').nullable()
      table.integer('plan_done_by').nullable().references('id').inTable('users').onDelete('SET NULL')
    })
    this.schema.raw('alter table problem_cases drop constraint problem_cases_status_check')
    this.schema.raw(`alter table problem_cases add constraint problem_cases_status_check check (status in ('open', 'planned', 'done', 'resolved', 'returned'))`)
    this.schema.raw(`create index problem_cases_plans_due on problem_cases (planned_on) where status = 'planned'`)
  }

  async down() {
    this.schema.raw('drop index problem_cases_plans_due')
    this.schema.raw('alter table problem_cases drop constraint problem_cases_status_check')
    this.schema.raw(`alter table problem_cases add constraint problem_cases_status_check check (status in ('open', 'planned', 'resolved', 'returned'))`)
    this.schema.alterTable('problem_cases', (table) => {
      table.dropColumn('plan_reminded_at')
      table.dropColumn('plan_done_at')
      table.dropColumn('plan_done_text')
      table.dropColumn('plan_done_by')
    })
    this.schema.alterTable('problems', (table) => {
      table.dropColumn('plan_done_at')
      table.dropColumn('plan_done_text')
    })
    this.schema.dropTable('known_departments')
    this.schema.dropTable('known_bodies')
    this.defer(async (db) => {
      await db.from('problem_themes').whereIn('code', THEMES.map(([code]) => code)).delete()
    })
  }
}
