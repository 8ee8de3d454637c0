import { DateTime } from 'luxon'
import { type Period } from '#modules/effectiveness/services/effectiveness_query'
import { REGION_ZONE } from '#core/region_time'

export const REPORT_KINDS = ['weekly', 'monthly'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/**
 * The last complete period of a kind, in the region's zone: the previous
 * Monday–Sunday week, or the previous calendar month. The schedule runs on
 * Monday and on the 1st, so that is the period just finished.
 */
export function lastCompletePeriod(kind: ReportKind, now: DateTime = DateTime.now()): Period {
  const local = now.setZone(REGION_ZONE)
  if (kind === 'weekly') {
    const from = local.startOf('week').minus({ weeks: 1 })
    return { from, to: from.plus({ days: 6 }) }
  }
  const from = local.startOf('month').minus({ months: 1 })
  return { from, to: from.endOf('month').startOf('day') }
}
