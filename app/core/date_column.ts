import { DateTime } from 'luxon'

/**
 * A PostgreSQL `date` as read by pg (a local-midnight Date, or a string) as
 * YYYY-MM-DD, without shifting it through a time zone. Written out for
 * four-digit years (lists of a thousand deadlines call it for each); Luxon
 * for the rest and for an invalid Date, as before.
 */
export function isoDay(value: Date | string) {
  if (!(value instanceof Date)) return String(value).slice(0, 10)
  const year = value.getFullYear()
  const month = value.getMonth() + 1
  const day = value.getDate()
  if (year >= 1000 && year <= 9999) return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
  return DateTime.fromObject({ year, month, day }).toISODate()!
}

/**
 * Column options for a PostgreSQL `date` (no time, no zone): written as
 * YYYY-MM-DD, read back as a Luxon DateTime at the start of that day.
 */
export const dateOnly = {
  prepare: (value: DateTime | null) => (value ? value.toISODate() : null),
  consume: (value: Date | string | null) => (value ? DateTime.fromISO(isoDay(value)) : null),
}
