import { Job } from '#queue/job'
import { settings } from '#core/settings'
import { tenantDb } from '#tenancy/tenant_model'

const CHUNK = 5000

/**
 * Daily, in every tenant: forgets delivered outbox rows and applied inbox
 * rows older than BUS_RETENTION_DAYS. Pending and failed messages are kept
 * whatever their age. A duplicate can only arrive while its outbox row is
 * still pending, minutes at most, so the inbox keeps ids long enough to
 * recognise it.
 */
export default class PruneBusJob extends Job {
  static jobName = 'bus.prune'
  static tenantScoped = true

  async handle() {
    const days = settings.bus.retentionDays
    const prune = async (table: 'bus_outbox' | 'bus_inbox', status: string, column: string) => {
      let removed = 0
      while (true) {
        // in chunks, so no single statement holds many row locks for long
        const result = await tenantDb().rawQuery(
          `delete from ${table} where id in (
             select id from ${table} where status = ? and ${column} < clock_timestamp() - ? * interval '1 day' limit ?)`,
          [status, days, CHUNK]
        )
        removed += result.rowCount ?? 0
        if ((result.rowCount ?? 0) < CHUNK) return removed
      }
    }
    return {
      outbox: await prune('bus_outbox', 'delivered', 'delivered_at'),
      inbox: await prune('bus_inbox', 'applied', 'applied_at'),
    }
  }
}
