import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A draft created by voice carries a placeholder text until the issuer
 * confirms a transcript or writes the text; until then it cannot be issued.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('alter table orders add column text_pending boolean not null default false')
  }

  async down() {
    this.schema.raw('alter table orders drop column text_pending')
  }
}
