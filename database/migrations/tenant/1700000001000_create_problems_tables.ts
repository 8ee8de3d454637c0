import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Citizens' control. In the portal: themes (an Open311 service list),
 * problems (service requests) with photos, a public timeline, endorsements,
 * flags, routing rules, drafts and citizen profiles. In a block: the cases
 * routed to its departments (their own copy, without citizens' e-mails
 * unless allowed) and the photos of cases and answers. Every tenant gets
 * every table (one migration set); each side only fills its own.
 */
const THEMES: [string, string, string][] = [
  ['roads', 'Дороги и тротуары', 'Roads and pavements'],
  ['lighting', 'Уличное освещение', 'Street lighting'],
  ['yards', 'Дворы и благоустройство', 'Yards and landscaping'],
  ['waste', 'Мусор и свалки', 'Waste and dumps'],
  ['water', 'Водоснабжение и канализация', 'Water and sewerage'],
  ['transport', 'Общественный транспорт', 'Public transport'],
  ['heating', 'Отопление', 'Heating'],
  ['parks', 'Парки и зелёные насаждения', 'Parks and greenery'],
  ['playgrounds', 'Детские и спортивные площадки', 'Playgrounds and sports grounds'],
  ['accessibility', 'Доступная среда', 'Accessibility'],
]

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('problem_themes', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('name_ru', 255).notNullable()
      table.string('name_en', 255).notNullable()
      table.integer('reaction_days').notNullable().defaultTo(10)
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
    })
    this.schema.raw('alter table problem_themes add constraint problem_themes_reaction_days_check check (reaction_days between 1 and 90)')
    this.defer(async (db) => {
      await db.table('problem_themes').multiInsert(
        THEMES.map(([code, nameRu, nameEn], index) => ({ code, name_ru: nameRu, name_en: nameEn, position: index + 1 }))
      )
    })

    this.schema.createTable('problem_citizens', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.string('display_name', 80).notNullable()
      table.timestamp('email_confirmed_at', { useTz: true }).nullable()
      table.string('confirm_token_hash', 64).nullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // Portal: admins' routing rules; municipality null = the theme's default.
    this.schema.createTable('problem_routing_rules', (table) => {
      table.increments('id')
      table.integer('theme_id').notNullable().references('id').inTable('problem_themes').onDelete('CASCADE')
      table.integer('municipality_id').nullable().references('id').inTable('municipalities').onDelete('CASCADE')
      table.string('target_tenant', 64).notNullable()
      table.string('target_department_code', 64).notNullable()
      table.string('target_department_name', 255).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw('create unique index problem_routing_rules_unique on problem_routing_rules (theme_id, coalesce(municipality_id, 0))')

    // Portal: a citizen's problem (Open311 service request).
    this.schema.createTable('problems', (table) => {
      table.increments('id')
      table.integer('theme_id').notNullable().references('id').inTable('problem_themes')
      table.integer('municipality_id').notNullable().references('id').inTable('municipalities')
      table.integer('author_id').notNullable().references('id').inTable('users')
      table.decimal('lat', 9, 6).notNullable()
      table.decimal('lng', 9, 6).notNullable()
      table.string('address', 500).notNullable()
      table.text('description').notNullable()
      table.boolean('share_contact').notNullable().defaultTo(false)
      // awaiting_routing → routed → planned | resolved → confirmed; contest reopens (routed again)
      table.string('status', 32).notNullable().defaultTo('awaiting_routing')
      table.integer('round').notNullable().defaultTo(0)
      table.integer('rule_id').nullable().references('id').inTable('problem_routing_rules').onDelete('SET NULL')
      table.string('routed_tenant', 64).nullable()
      table.string('routed_department_code', 64).nullable()
      table.string('routed_department_name', 255).nullable()
      table.timestamp('routed_at', { useTz: true }).nullable()
      /** The reaction deadline (Open311 expected_datetime). */
      table.timestamp('deadline', { useTz: true }).nullable()
      table.timestamp('first_routed_at', { useTz: true }).nullable()
      table.timestamp('first_answered_at', { useTz: true }).nullable()
      table.boolean('answered_in_time').nullable()
      table.string('answer_kind', 16).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.text('plan_needs').nullable()
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.integer('reopened_count').notNullable().defaultTo(0)
      table.integer('endorsements_count').notNullable().defaultTo(0)
      table.integer('open_flags_count').notNullable().defaultTo(0)
      table.timestamp('hidden_at', { useTz: true }).nullable()
      table.text('hidden_reason').nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      `alter table problems add constraint problems_status_check check (status in ('awaiting_routing', 'routed', 'planned', 'resolved', 'confirmed'))`
    )
    // public list: newest first within filters; map: viewport bbox; duplicates: same theme near a point
    this.schema.raw('create index problems_public_list on problems (created_at desc, id desc) where hidden_at is null')
    this.schema.raw('create index problems_filters on problems (theme_id, municipality_id, status) where hidden_at is null')
    this.schema.raw('create index problems_location on problems (lat, lng) where hidden_at is null')
    this.schema.raw('create index problems_theme_location on problems (theme_id, lat, lng) where hidden_at is null')
    this.schema.raw(`create index problems_deadline on problems (deadline) where status = 'routed'`)
    this.schema.raw('create index problems_author on problems (author_id)')
    this.schema.raw('create index problems_updated on problems (updated_at)')

    // Portal: photos of the report and of the department's answer (copied from the block).
    this.schema.createTable('problem_photos', (table) => {
      table.increments('id')
      table.integer('problem_id').notNullable().references('id').inTable('problems').onDelete('CASCADE')
      table.string('source', 16).notNullable().defaultTo('report')
      table.integer('round').notNullable().defaultTo(0)
      table.string('storage_key', 500).notNullable().unique()
      table.string('mime_type', 64).notNullable()
      table.integer('width').notNullable()
      table.integer('height').notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['problem_id'])
    })

    // Portal: the public timeline (and who did what); routing events name the rule that fired.
    this.schema.createTable('problem_events', (table) => {
      table.bigIncrements('id')
      table.integer('problem_id').notNullable().references('id').inTable('problems').onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      table.integer('actor_id').nullable()
      table.integer('rule_id').nullable()
      table.boolean('is_public').notNullable().defaultTo(true)
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['problem_id', 'id'])
    })

    this.schema.createTable('problem_endorsements', (table) => {
      table.integer('problem_id').notNullable().references('id').inTable('problems').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['problem_id', 'user_id'])
    })

    this.schema.createTable('problem_flags', (table) => {
      table.increments('id')
      table.integer('problem_id').notNullable().references('id').inTable('problems').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.text('reason').notNullable()
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['problem_id', 'user_id'])
    })

    // Portal: what a signed-in citizen typed in the report form, kept until it is submitted.
    this.schema.createTable('problem_drafts', (table) => {
      table.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      table.jsonb('data').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // Block: a problem routed to one of its departments (its own copy).
    this.schema.createTable('problem_cases', (table) => {
      table.increments('id')
      table.string('origin_tenant', 64).notNullable()
      table.integer('origin_problem_id').notNullable()
      table.integer('round').notNullable().defaultTo(0)
      table.integer('department_id').notNullable().references('id').inTable('departments')
      table.string('theme_code', 64).notNullable()
      table.string('theme_name', 255).notNullable()
      table.string('municipality_code', 64).notNullable()
      table.string('municipality_name', 255).notNullable()
      table.decimal('lat', 9, 6).notNullable()
      table.decimal('lng', 9, 6).notNullable()
      table.string('address', 500).notNullable()
      table.text('description').notNullable()
      table.string('author_name', 80).notNullable()
      /** Only when the citizen allowed sharing it. */
      table.string('author_email', 254).nullable()
      table.string('status', 16).notNullable().defaultTo('open')
      table.timestamp('deadline', { useTz: true }).notNullable()
      table.string('answer_kind', 16).nullable()
      table.text('answer_text').nullable()
      table.date('planned_on').nullable()
      table.text('plan_needs').nullable()
      table.integer('answered_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('answered_at', { useTz: true }).nullable()
      table.timestamp('reminded_at', { useTz: true }).nullable()
      table.timestamp('escalated_at', { useTz: true }).nullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['origin_tenant', 'origin_problem_id'])
    })
    this.schema.raw(`alter table problem_cases add constraint problem_cases_status_check check (status in ('open', 'planned', 'resolved', 'returned'))`)
    this.schema.raw('create index problem_cases_queue on problem_cases (department_id, status, deadline)')
    this.schema.raw(`create index problem_cases_due on problem_cases (deadline) where status = 'open'`)

    this.schema.createTable('problem_case_photos', (table) => {
      table.increments('id')
      table.integer('case_id').notNullable().references('id').inTable('problem_cases').onDelete('CASCADE')
      table.string('source', 16).notNullable()
      table.integer('round').notNullable().defaultTo(0)
      table.string('storage_key', 500).notNullable().unique()
      table.string('mime_type', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['case_id'])
    })
  }

  async down() {
    for (const name of [
      'problem_case_photos', 'problem_cases', 'problem_drafts', 'problem_flags', 'problem_endorsements',
      'problem_events', 'problem_photos', 'problems', 'problem_routing_rules', 'problem_citizens', 'problem_themes',
    ]) {
      this.schema.dropTableIfExists(name)
    }
  }
}
