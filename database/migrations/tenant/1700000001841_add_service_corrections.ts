import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * On the portal: a portal admin's correction of a service's names or
 * channel. name_ru/name_en/channel stay what the portal shows (the
 * correction when there is one); published_* keep what the body last
 * published, so a correction survives the body's later publications and can
 * be shown as one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('service_ratings_services', (table) => {
      table.string('published_name_ru', 500).nullable()
      table.string('published_name_en', 500).nullable()
      table.string('published_channel', 8).nullable()
      table.string('correction_name_ru', 500).nullable()
      table.string('correction_name_en', 500).nullable()
      table.string('correction_channel', 8).nullable()
      table.timestamp('corrected_at', { useTz: true }).nullable()
    })
    this.defer(async (db) => {
      await db.rawQuery(`update service_ratings_services set published_name_ru = name_ru, published_name_en = name_en, published_channel = channel`)
    })
  }

  async down() {
    this.schema.alterTable('service_ratings_services', (table) => {
      table.dropColumns('published_name_ru', 'published_name_en', 'published_channel', 'correction_name_ru', 'correction_name_en', 'correction_channel', 'corrected_at')
    })
  }
}
