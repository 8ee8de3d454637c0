import { Job } from '#queue/job'
import { rollupBuilder } from '#tenancy/rollup'

/**
 * Refreshes the control dashboard's materialized figures (every 30 seconds),
 * so they are never more than about a minute old; aggregates that ask for a
 * longer interval (effectiveness by day) when it has passed.
 */
export default class RefreshRollupJob extends Job {
  static jobName = 'control.refresh_rollup'
  static tenantScoped = false

  async handle() {
    return { refreshed: await rollupBuilder.refresh({ dueOnly: true }) }
  }
}
