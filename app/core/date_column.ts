import { DateTime } from 'luxon'

/**
 * A PostgreSQL `date` as read by pg (a local-midnight Date, or a string) as
 * YYYY-MM-DD, without shifting it through a time zone.
 */
export function isoDay(value: Date | string) {
  return value instanceof Date
    ? DateTime.fromObject({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() }).toISODate()!
    : String(value).slice(0, 10)
}

/**
 * Column options for a PostgreSQL `date` (no time, no zone): written as
 * YYYY-MM-DD, read back as a Luxon DateTime at the start of that day.
 */
export const dateOnly = {
  prepare: (value: DateTime | null) => (value ? value.toISODate() : null),
  consume: (value: Date | string | null) => (value ? DateTime.fromISO(isoDay(value)) : null),
}
