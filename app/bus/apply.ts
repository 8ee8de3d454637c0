import { errors } from '#core/errors'
import { settings } from '#core/settings'
import { tenantDb } from '#tenancy/tenant_model'
import { bus } from '#bus/bus'
import type { BusMessage } from '#bus/bus_message'
import type { BusMessageType } from '#bus/message_types'
import { recordFailure, setAside, uuidArray } from '#bus/message_rows'
import { assertPayload } from '#bus/payload_schemas'

interface InboxRow {
  id: string
  type: BusMessageType
  source_tenant: string
  target_tenant: string
  payload: any
  correlation_id: string | null
  sent_at: Date
}

export interface ApplyResult {
  applied: number
  failed: number
}

let handlersLoaded: Promise<unknown> | undefined

/** The handlers of start/bus.ts, loaded once per process on first use. */
export function loadBusHandlers() {
  handlersLoaded ??= import('#start/bus')
  return handlersLoaded
}

function toMessage(row: InboxRow): BusMessage {
  return {
    id: row.id,
    type: row.type,
    from: row.source_tenant,
    to: row.target_tenant,
    payload: row.payload,
    correlationId: row.correlation_id,
    sentAt: row.sent_at,
  }
}

/**
 * One transaction: locks up to `batchSize` due messages and applies them.
 * Optimistically (`isolateEach` false) the whole batch runs without
 * savepoints, and any failure rolls it all back; with `isolateEach` every
 * message runs under its own savepoint, so a failing one is rolled back alone
 * and recorded for a later retry.
 */
async function applyBatch(isolateEach: boolean): Promise<ApplyResult & { fetched: number }> {
  return tenantDb().transaction(async (trx) => {
    const rows: InboxRow[] = (
      await trx.rawQuery(
        `select id, type, source_tenant, target_tenant, payload, correlation_id, sent_at
           from bus_inbox
          where status = 'pending' and next_attempt_at <= clock_timestamp()
          order by next_attempt_at, sent_at
          limit ?
          for update skip locked`,
        [settings.bus.batchSize]
      )
    ).rows

    const applied: string[] = []
    let failed = 0
    for (const row of rows) {
      const handler = bus.handlerFor(row.type)
      if (!isolateEach) {
        if (!handler) throw new errors.E_BUS_NO_HANDLER(`No handler for "${row.type}"`)
        await assertPayload(row)
        await handler(toMessage(row), trx)
        applied.push(row.id)
        continue
      }
      if (!handler) {
        await recordFailure(trx, 'bus_inbox', [row.id], new errors.E_BUS_NO_HANDLER(`No handler for "${row.type}"`))
        failed++
        continue
      }
      try {
        await assertPayload(row)
      } catch (error) {
        if (!(error instanceof errors.E_BUS_INVALID_PAYLOAD)) throw error
        await setAside(trx, 'bus_inbox', row.id, error.message)
        failed++
        continue
      }
      await trx.rawQuery('savepoint bus_message')
      try {
        await handler(toMessage(row), trx)
        await trx.rawQuery('release savepoint bus_message')
        applied.push(row.id)
      } catch (error) {
        await trx.rawQuery('rollback to savepoint bus_message')
        await recordFailure(trx, 'bus_inbox', [row.id], error)
        failed++
      }
    }
    if (applied.length) {
      await trx.rawQuery(
        `update bus_inbox
            set status = 'applied', applied_at = clock_timestamp(), attempts = attempts + 1, last_error = null
          where id = any(?::uuid[])`,
        [uuidArray(applied)]
      )
    }
    return { fetched: rows.length, applied: applied.length, failed }
  })
}

/**
 * Applies the current tenant's due inbox messages with their handlers,
 * exactly once: a message's effects and its `applied` mark commit together,
 * and the row stays locked (SKIP LOCKED) while it is being applied, so no two
 * workers apply it. A batch in which a handler throws is run again with one
 * savepoint per message: the failing message is rolled back alone and retried
 * later; after BUS_MAX_ATTEMPTS tries it is kept as `failed` with its last
 * error. A payload without its type's shape (app/bus/payload_schemas.ts)
 * never reaches the handler: no retry can repair it, so it is `failed` at
 * once, with the fields it lacks.
 */
export async function applyInbox(): Promise<ApplyResult> {
  await loadBusHandlers()
  const total: ApplyResult = { applied: 0, failed: 0 }
  while (true) {
    const batch = await applyBatch(false).catch(() => applyBatch(true))
    total.applied += batch.applied
    total.failed += batch.failed
    if (batch.fetched < settings.bus.batchSize) break
  }
  return total
}
