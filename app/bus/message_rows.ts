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
