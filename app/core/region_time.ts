import { DateTime } from 'luxon'

/** The region's time zone: its calendar days are Moscow days, whatever the server's zone. */
export const REGION_ZONE = 'Europe/Moscow'

/** The start of today in the region (by the platform's clock, app/core/clock.ts). */
export function regionToday() {
  return DateTime.now().setZone(REGION_ZONE).startOf('day')
}

/**
 * Today in the region as YYYY-MM-DD: what date validators compare with
 * (`vine.date().beforeOrEqual(regionTodayIso)`); VineJS's own 'today' is the
 * server's day and ignores the platform's clock.
 */
export function regionTodayIso() {
  return regionToday().toISODate()!
}
