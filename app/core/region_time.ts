import { DateTime } from 'luxon'

/** The region's time zone: its calendar days are Moscow days, whatever the server's zone. */
export const REGION_ZONE = 'Europe/Moscow'

/** The start of today in the region. */
export function regionToday() {
  return DateTime.now().setZone(REGION_ZONE).startOf('day')
}
