import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In the Department of Control: the bodies a sealed month of service ranks
 * flagged (bottom quartile or down several places), as the portal sent them
 * over the bus, and the order Control issued from each (the link from the
 * alert to the order; the order's basis names the alert).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('service_rank_alerts', (table) => {
      table.increments('id')
      table.string('portal', 64).notNullable()
      table.date('month').notNullable()
      table.integer('version').notNullable()
      table.string('body_slug', 64).notNullable()
      table.string('body_name_ru', 500).notNullable()
      table.string('body_name_en', 500).notNullable()
      // bottom_quartile | dropped
      table.string('kind', 16).notNullable()
      table.integer('rank').notNullable()
      table.integer('previous_rank').nullable()
      table.integer('ranked_of').notNullable()
      table.decimal('score_overall', 6, 4).notNullable()
      table.integer('ratings').notNullable()
      table.integer('order_id').nullable()
      table.string('order_number', 64).nullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      // one alert per body and month: a correction updates it (until an order exists)
      table.unique(['portal', 'month', 'body_slug'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('service_rank_alerts')
  }
}
