import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * For the filters of Control's service-ratings page: alerts by month and
 * body (Control's table), follow-ups by the month they were rated in (each
 * body's table, read through the rollup view).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('create index if not exists service_rank_alerts_month_body on service_rank_alerts (month, body_slug)')
    this.schema.raw('create index if not exists service_follow_ups_rated_on on service_follow_ups (rated_on)')
  }

  async down() {
    this.schema.raw('drop index if exists service_rank_alerts_month_body')
    this.schema.raw('drop index if exists service_follow_ups_rated_on')
  }
}
