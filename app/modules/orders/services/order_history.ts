import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OrderActivity from '#modules/orders/models/order_activity'

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'object' && 'toISODate' in (value as object)) return (value as { toISODate(): string }).toISODate()
  return String(value)
}

/**
 * Appends to an order's history: one row for the action, plus one row per
 * changed field (old → new), all in the caller's transaction.
 */
export async function recordActivity(
  trx: TransactionClientContract,
  orderId: number,
  actorId: number | null,
  action: string,
  changes: FieldChange[] = [],
  details: Record<string, unknown> = {}
) {
  const rows = changes.length
    ? changes.map((change) => ({
        orderId,
        actorId,
        action,
        field: change.field,
        oldValue: asText(change.from),
        newValue: asText(change.to),
        details,
      }))
    : [{ orderId, actorId, action, field: null, oldValue: null, newValue: null, details }]
  await OrderActivity.createMany(rows, { client: trx })
}
