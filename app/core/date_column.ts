import { DateTime } from 'luxon'

/**
 * Column options for a PostgreSQL `date` (no time, no zone): written as
 * YYYY-MM-DD, read back as a Luxon DateTime at the start of that day.
 */
export const dateOnly = {
  prepare: (value: DateTime | null) => (value ? value.toISODate() : null),
  consume: (value: Date | string | null) => {
    if (!value) return null
    return value instanceof Date
      ? DateTime.fromObject({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() })
      : DateTime.fromISO(value)
  },
}
