import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Priority votes per address and hour, for the moderators' report of
 * suspicious bursts: the address is kept only as an HMAC, and nothing joins
 * this table to a ballot or a voter.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('priority_vote_addresses', (table) => {
      table.string('quarter', 7).notNullable()
      table.string('address_hash', 64).notNullable()
      table.timestamp('hour', { useTz: true }).notNullable()
      table.integer('votes').notNullable()
      table.primary(['quarter', 'address_hash', 'hour'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('priority_vote_addresses')
  }
}
