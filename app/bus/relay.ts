import pg from 'pg'
import { settings } from '#core/settings'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { schemaNameFor } from '#tenancy/naming'
import { busDb } from '#bus/bus_role'
import { APPLY_JOB, wakeUp } from '#bus/wake_up'
import { describeDatabaseError } from '#core/errors'
import { isDataError, recordFailure, setAside, uuidArray } from '#bus/message_rows'

interface OutboxRow {
  id: string
  type: string
  target_tenant: string
  payload: unknown
  correlation_id: string | null
  created_at: Date
}

export interface RelayResult {
  delivered: number
  failed: number
}

/**
 * Copies messages into the target's inbox as the bus role. A message that is
 * already there is left alone (ON CONFLICT DO NOTHING), so delivering twice is
 * harmless. Returns the ids that were new. The sender is the tenant whose
 * outbox the relay reads, whatever its rows claim: no tenant can speak for
 * another.
 */
async function deliverToInbox(source: string, target: string, rows: OutboxRow[]): Promise<string[]> {
  const messages = rows.map((row) => ({
    id: row.id,
    type: row.type,
    source_tenant: source,
    target_tenant: row.target_tenant,
    payload: row.payload,
    correlation_id: row.correlation_id,
    sent_at: row.created_at,
  }))
  const inbox = `${pg.escapeIdentifier(schemaNameFor(target))}.bus_inbox`
  const result = await busDb().rawQuery(
    `insert into ${inbox} (id, type, source_tenant, target_tenant, payload, correlation_id, sent_at)
     select id, type, source_tenant, target_tenant, payload, correlation_id, sent_at
       from jsonb_to_recordset(?::jsonb)
         as m(id uuid, type text, source_tenant text, target_tenant text, payload jsonb, correlation_id uuid, sent_at timestamptz)
     on conflict (id) do nothing
     returning id`,
    [JSON.stringify(messages)]
  )
  return result.rows.map((row: { id: string }) => row.id)
}

/**
 * Moves the current tenant's due outbox messages to their targets' inboxes,
 * up to `batchSize` per query and per target, until none is due. Rows are
 * locked (SKIP LOCKED) while in flight, so concurrent relays never share one;
 * a relay killed half-way leaves them pending, and the next one delivers them
 * again, harmlessly. When a batch's insert fails, its rows are delivered one
 * by one, so one undeliverable message (a corrupt row the inbox refuses) is
 * set aside as `failed`, named in its error, and the others go through.
 */
export async function relayOutbox(): Promise<RelayResult> {
  const source = tenantScope.currentOrFail().slug
  const batchSize = settings.bus.batchSize
  const total: RelayResult = { delivered: 0, failed: 0 }
  const knownTargets = new Map<string, boolean>()

  while (true) {
    const woken = new Set<string>()
    const fetched = await tenantDb().transaction(async (trx) => {
      const rows: OutboxRow[] = (
        await trx.rawQuery(
          `select id, type, target_tenant, payload, correlation_id, created_at
             from bus_outbox
            where status = 'pending' and next_attempt_at <= clock_timestamp()
            order by next_attempt_at, created_at
            limit ?
            for update skip locked`,
          [batchSize]
        )
      ).rows
      const byTarget = new Map<string, OutboxRow[]>()
      for (const row of rows) {
        byTarget.set(row.target_tenant, [...(byTarget.get(row.target_tenant) ?? []), row])
      }

      const delivered: string[] = []
      for (const [target, group] of byTarget) {
        try {
          if (!knownTargets.has(target)) knownTargets.set(target, !!(await tenantRegistry.findBySlug(target)))
          if (!knownTargets.get(target)) throw new Error(`Unknown target tenant "${target}"`)
        } catch (error) {
          await recordFailure(trx, 'bus_outbox', group.map((row) => row.id), error)
          total.failed += group.length
          continue
        }
        try {
          if ((await deliverToInbox(source, target, group)).length) woken.add(target)
          delivered.push(...group.map((row) => row.id))
          continue
        } catch (error) {
          // not the data (a lost connection, a missing grant): every row would fail alike, try again later
          if (!isDataError(error)) {
            const reason = new Error(`Delivery to ${target} failed: ${describeDatabaseError(error)}`)
            await recordFailure(trx, 'bus_outbox', group.map((row) => row.id), reason)
            total.failed += group.length
            continue
          }
          // one bad row fails the whole insert: find it by delivering one at a time
        }
        for (const row of group) {
          try {
            if ((await deliverToInbox(source, target, [row])).length) woken.add(target)
            delivered.push(row.id)
          } catch (error) {
            const reason = `Message ${row.id} (${row.type}) could not be delivered to ${target}: ${describeDatabaseError(error)}`
            if (isDataError(error)) await setAside(trx, 'bus_outbox', row.id, reason)
            else await recordFailure(trx, 'bus_outbox', [row.id], new Error(reason))
            total.failed++
          }
        }
      }
      if (delivered.length) {
        await trx.rawQuery(
          `update bus_outbox
              set status = 'delivered', delivered_at = clock_timestamp(), attempts = attempts + 1, last_error = null
            where id = any(?::uuid[])`,
          [uuidArray(delivered)]
        )
        total.delivered += delivered.length
      }
      return rows.length
    })

    for (const target of woken) await wakeUp(APPLY_JOB, target)
    if (fetched < batchSize) break
  }
  return total
}
