import type { DateTime } from 'luxon'
import { regionToday } from '#core/region_time'

/** Days a providing body has to answer a follow-up (Decree No. 1284 practice). */
export const ANSWER_DAYS = 30

/**
 * The month a rating given now counts for: the current month in the region.
 * A rating is never back-dated into a closed (sealed) month.
 */
export function currentMonth(): DateTime {
  return regionToday().startOf('month')
}
