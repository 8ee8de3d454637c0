import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import rrulePackage from 'rrule'

const { RRule, Frequency } = rrulePackage

// The planner's clock is the region's zone (REGION_ZONE). Moscow has no daylight saving, but
// the expansion below works in wall-clock time anyway, so a weekly Monday 01:30 meeting stays
// on Monday in Moscow even though it is Sunday in UTC.

/** Most occurrences read from one series at a time (a month of a daily rule is 31). */
const MAX_OCCURRENCES = 1000
const ALLOWED_FREQUENCIES = [Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]

export interface Series {
  startsAt: DateTime
  endsAt: DateTime | null
  allDay: boolean
  rrule: string | null
  exdates: string[]
}

export interface Occurrence {
  start: DateTime
  end: DateTime
}

export class InvalidRule extends Error {}

/** A moment as the Moscow wall clock, carried in a UTC Date (what rrule calculates with). */
function toFloating(moment: DateTime) {
  const wall = moment.setZone(REGION_ZONE)
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second))
}

function fromFloating(value: Date) {
  return DateTime.fromObject(
    {
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
      hour: value.getUTCHours(),
      minute: value.getUTCMinutes(),
      second: value.getUTCSeconds(),
    },
    { zone: REGION_ZONE }
  )
}

function parse(rule: string) {
  try {
    return RRule.parseString(rule)
  } catch {
    throw new InvalidRule(`Not an RRULE: ${rule}`)
  }
}

/**
 * Checks a user's RRULE and writes it the way the feed and the expansion
 * read it: no "RRULE:" prefix or DTSTART, daily to yearly only, COUNT and
 * INTERVAL bounded, UNTIL as a date for all-day items and as a UTC instant
 * otherwise (a bare date means "through the end of that day in Moscow").
 */
export function normalizeRule(rule: string, allDay: boolean) {
  const body = rule.trim().replace(/^RRULE:/i, '').toUpperCase()
  if (!body || /DTSTART|[\r\n]/.test(body)) throw new InvalidRule('The rule must be one RRULE line')
  const options = parse(body)
  if (options.freq === undefined || !ALLOWED_FREQUENCIES.includes(options.freq)) throw new InvalidRule('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY')
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_OCCURRENCES)) {
    throw new InvalidRule('COUNT out of range')
  }
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 1000)) throw new InvalidRule('INTERVAL out of range')
  if (options.count && options.until) throw new InvalidRule('COUNT and UNTIL exclude each other')
  const until = body.match(/UNTIL=([0-9TZ]+)/)?.[1]
  if (!until || !options.until) return body
  const dateOnly = !until.includes('T')
  const day = DateTime.fromJSDate(options.until, { zone: 'utc' })
  let written: string
  if (allDay) written = day.toFormat('yyyyLLdd')
  else if (dateOnly) written = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: REGION_ZONE }).endOf('day').toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")
  else written = day.toFormat("yyyyLLdd'T'HHmmss'Z'")
  return body.replace(/UNTIL=[0-9TZ]+/, `UNTIL=${written}`)
}

function buildRule(series: Series) {
  const options = parse(series.rrule!)
  // A timed rule's UNTIL is a UTC instant: bring it onto the wall clock too.
  if (options.until && !series.allDay) options.until = toFloating(DateTime.fromJSDate(options.until))
  return new RRule({ ...options, dtstart: toFloating(series.startsAt) })
}

function durationOf(series: Series) {
  return series.endsAt ? series.endsAt.toMillis() - series.startsAt.toMillis() : 0
}

function overlaps(start: DateTime, end: DateTime, from: DateTime, to: DateTime) {
  if (start >= to) return false
  // a task (no length) belongs to the range its moment falls in
  return end > from || (+end === +start && start >= from)
}

/**
 * The occurrences of a series that overlap [from, to), in order; cancelled
 * dates (EXDATE) left out.
 */
export function occurrences(series: Series, from: DateTime, to: DateTime): Occurrence[] {
  const duration = durationOf(series)
  if (!series.rrule) {
    const end = series.endsAt ?? series.startsAt
    return overlaps(series.startsAt, end, from, to) ? [{ start: series.startsAt, end }] : []
  }
  const rule = buildRule(series)
  const after = new Date(toFloating(from).getTime() - duration - 1)
  const dates = rule.between(after, toFloating(to), true, (_date, index) => index < MAX_OCCURRENCES)
  const cancelled = new Set(series.exdates)
  const result: Occurrence[] = []
  for (const date of dates) {
    const start = fromFloating(date)
    if (cancelled.has(start.toISODate()!)) continue
    const end = start.plus({ milliseconds: duration })
    if (overlaps(start, end, from, to)) result.push({ start, end })
  }
  return result
}

/**
 * The first occurrence that starts strictly after a moment (cancelled dates
 * skipped), or null when the series is over.
 */
export function nextOccurrenceAfter(series: Series, moment: DateTime): Occurrence | null {
  const duration = durationOf(series)
  if (!series.rrule) return series.startsAt > moment ? { start: series.startsAt, end: series.endsAt ?? series.startsAt } : null
  const rule = buildRule(series)
  const cancelled = new Set(series.exdates)
  let cursor = toFloating(moment)
  for (let step = 0; step < MAX_OCCURRENCES; step++) {
    const next = rule.after(cursor, false)
    if (!next) return null
    const start = fromFloating(next)
    if (!cancelled.has(start.toISODate()!)) return { start, end: start.plus({ milliseconds: duration }) }
    cursor = next
  }
  return null
}

/**
 * When the last occurrence ends; null for a series without COUNT or UNTIL.
 */
export function seriesEnd(series: Series): DateTime | null {
  const duration = durationOf(series)
  if (!series.rrule) return series.endsAt ?? series.startsAt
  const rule = buildRule(series)
  const { count, until } = rule.origOptions
  let last: Date | null = null
  if (count) last = rule.all((_date, index) => index < count).at(-1) ?? null
  else if (until) last = rule.before(until, true)
  else return null
  return (last ? fromFloating(last) : series.startsAt).plus({ milliseconds: duration })
}

/** A stable name for one occurrence (reminder dedupe keys, feed ids). */
export function occurrenceKey(itemId: number, start: DateTime) {
  return `${itemId}:${start.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`
}
