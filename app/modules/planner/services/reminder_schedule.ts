import type { DateTime } from 'luxon'
import { nextOccurrenceAfter, type Series } from '#modules/planner/services/recurrence'

/** A reminder missed by up to this much (worker restart, busy queue) is still sent. */
export const REMINDER_GRACE_MINUTES = 15

/**
 * The next moment after `after` at which one of an item's reminders falls
 * due (the reminder job reads only items whose moment has come), or null.
 */
export function nextReminderAt(series: Series & { reminders: number[] }, after: DateTime): DateTime | null {
  let earliest: DateTime | null = null
  for (const minutes of series.reminders) {
    const occurrence = nextOccurrenceAfter(series, after.plus({ minutes }))
    if (!occurrence) continue
    const firesAt = occurrence.start.minus({ minutes })
    if (!earliest || firesAt < earliest) earliest = firesAt
  }
  return earliest
}
