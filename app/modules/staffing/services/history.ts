import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StaffingChange from '#modules/staffing/models/staffing_change'

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

/** A value as the history stores it (dates as ISO dates, empty as null). */
export function historyText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object' && 'toISODate' in (value as object)) return (value as { toISODate(): string }).toISODate()
  return String(value)
}

/** Only the fields whose value really changes (compared as text). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after)
    .filter((field) => historyText(before[field]) !== historyText(after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }))
}

/**
 * Appends to the staffing history: one row per changed field (old → new),
 * or one row for the action when nothing field-like changed.
 */
export async function recordStaffingChange(
  trx: TransactionClientContract,
  subject: { departmentId: number; positionId?: number | null; staffId?: number | null },
  actorId: number | null,
  action: string,
  changes: FieldChange[] = []
) {
  const base = { departmentId: subject.departmentId, positionId: subject.positionId ?? null, staffId: subject.staffId ?? null, actorId, action }
  const rows = changes.length
    ? changes.map((change) => ({ ...base, field: change.field, oldValue: historyText(change.from), newValue: historyText(change.to) }))
    : [{ ...base, field: null, oldValue: null, newValue: null }]
  await StaffingChange.createMany(rows, { client: trx })
}
