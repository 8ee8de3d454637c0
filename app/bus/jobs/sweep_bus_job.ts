import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import { Job } from '#queue/job'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { APPLY_JOB, RELAY_JOB, wakeUp } from '#bus/wake_up'

/**
 * Every few seconds: wakes the relay and the applier of each active tenant
 * that has something due. This is what delivers a message whose wake-up was
 * lost (worker killed, Redis flushed or restarted) and what retries failures.
 * One query over every tenant's bus tables on the central connection: asking
 * each tenant through its own pool would open a connection per tenant every
 * few seconds.
 */
export default class SweepBusJob extends Job {
  static jobName = 'bus.sweep'
  static tenantScoped = false

  async handle() {
    const tenants = await tenantRegistry.active()
    if (!tenants.length) return { relays: 0, applies: 0 }
    // A tenant still being created may not have its bus tables yet.
    const ready = await db.rawQuery(
      `select table_schema from information_schema.tables where table_name = 'bus_inbox' and table_schema = any(?)`,
      [tenants.map((tenant) => tenant.schemaName)]
    )
    const schemas = new Set(ready.rows.map((row: { table_schema: string }) => row.table_schema))
    const checked = tenants.filter((tenant) => schemas.has(tenant.schemaName))
    if (!checked.length) return { relays: 0, applies: 0 }

    const due = await db.rawQuery(
      checked
        .map((tenant) => {
          const schema = pg.escapeIdentifier(tenant.schemaName)
          return `select ${pg.escapeLiteral(tenant.slug)} as slug,
                    exists (select 1 from ${schema}.bus_outbox where status = 'pending' and next_attempt_at <= clock_timestamp()) as relay,
                    exists (select 1 from ${schema}.bus_inbox where status = 'pending' and next_attempt_at <= clock_timestamp()) as apply`
        })
        .join('\nunion all\n')
    )
    let relays = 0
    let applies = 0
    for (const row of due.rows as { slug: string; relay: boolean; apply: boolean }[]) {
      if (row.relay) {
        await wakeUp(RELAY_JOB, row.slug)
        relays++
      }
      if (row.apply) {
        await wakeUp(APPLY_JOB, row.slug)
        applies++
      }
    }
    return { relays, applies }
  }
}
