import { BaseSchema } from '@adonisjs/lucid/schema'

/** The queue's "hidden" filter (oldest first) and the statistics' flags per month. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`create index social_moderation_cases_hidden_index on social_moderation_cases (first_flag_at, id) where hidden`)
    this.schema.raw(`create index social_moderation_flags_created_index on social_moderation_flags (created_at)`)
  }

  async down() {
    this.schema.raw(`drop index if exists social_moderation_flags_created_index`)
    this.schema.raw(`drop index if exists social_moderation_cases_hidden_index`)
  }
}
