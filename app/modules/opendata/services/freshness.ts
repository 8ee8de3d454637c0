import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import type { Frequency } from '#modules/opendata/models/passport_columns'

/** How long a version stays fresh, by the dataset's update frequency (irregular: always fresh). */
const PERIODS: Record<Exclude<Frequency, 'irregular'>, { days?: number; months?: number; years?: number }> = {
  daily: { days: 1 },
  weekly: { days: 7 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  yearly: { years: 1 },
}

export interface Freshness {
  /** The last day (in the region) by which the next version is due; null for an irregular dataset or one never published. */
  dueOn: string | null
  overdue: boolean
  /** Whole days past the due day (0 when not overdue). */
  daysOverdue: number
}

/**
 * Whether a dataset is up to date: the next version is due one period
 * after the day (in the region) of the latest one; the dataset is overdue
 * from the day after that. `today` is the platform's clock (DateTime.now()
 * reads it), so tests move it with KRAI_TODAY.
 */
export function freshnessOf(frequency: Frequency, lastPublishedAt: Date | DateTime | null, today: DateTime = DateTime.now()): Freshness {
  if (frequency === 'irregular' || !lastPublishedAt) return { dueOn: null, overdue: false, daysOverdue: 0 }
  const published = (lastPublishedAt instanceof Date ? DateTime.fromJSDate(lastPublishedAt) : lastPublishedAt).setZone(REGION_ZONE).startOf('day')
  const due = published.plus(PERIODS[frequency])
  const day = today.setZone(REGION_ZONE).startOf('day')
  const daysOverdue = Math.max(0, Math.round(day.diff(due, 'days').days))
  return { dueOn: due.toISODate(), overdue: daysOverdue > 0, daysOverdue }
}

/**
 * The same rule in SQL, for lists that filter or count overdue datasets
 * (`published` an expression of type timestamptz; `today` a bound date in
 * the region): true when the dataset is overdue.
 */
export function overdueSql(frequency: string, published: string) {
  return `(${frequency} <> 'irregular' and ${published} is not null and ((${published} at time zone '${REGION_ZONE}')::date + case ${frequency}
    when 'daily' then interval '1 day' when 'weekly' then interval '7 days' when 'monthly' then interval '1 month'
    when 'quarterly' then interval '3 months' else interval '1 year' end)::date < ?::date)`
}
