import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { settings } from '#core/settings'

/** `{a,b}`: a PostgreSQL array literal of uuids (ids are ours, never user input). */
export function uuidArray(ids: string[]) {
  return `{${ids.join(',')}}`
}

/**
 * Records a failed try on outbox or inbox rows: a later retry with a doubling
 * delay, or `failed` once the tries are used up (kept with the last error).
 */
export async function recordFailure(
  trx: TransactionClientContract,
  table: 'bus_outbox' | 'bus_inbox',
  ids: string[],
  error: unknown
) {
  const message = ((error as Error)?.message ?? String(error)).slice(0, 2000)
  await trx.rawQuery(
    `update ${table}
        set attempts = attempts + 1,
            last_error = ?,
            status = case when attempts + 1 >= ? then 'failed' else 'pending' end,
            next_attempt_at = clock_timestamp() + least(? * power(2, attempts), 300000) * interval '1 millisecond'
      where id = any(?::uuid[])`,
    [message, settings.bus.maxAttempts, settings.bus.retryDelayMs, uuidArray(ids)]
  )
}

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22, data
 * exception, or 23, integrity constraint violation): trying the same row again
 * cannot help. A lost connection or a timeout is worth another try.
 */
export function isDataError(error: unknown) {
  const code = (error as { code?: unknown })?.code
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)
}

/**
 * Sets one message aside at once (`failed`, its try counted, the error kept),
 * where an operator finds it with bus:status and sends it again with
 * bus:retry once the cause is fixed.
 */
export async function setAside(trx: TransactionClientContract, table: 'bus_outbox' | 'bus_inbox', id: string, error: string) {
  await trx.rawQuery(`update ${table} set attempts = attempts + 1, last_error = ?, status = 'failed' where id = ?`, [error.slice(0, 2000), id])
}
