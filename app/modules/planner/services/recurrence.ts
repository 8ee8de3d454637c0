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

// ---------------------------------------------------------------------------
// Changing one occurrence, the rest of a series, or all of it.

/** Which occurrences a change of a series touches. */
export const SERIES_SCOPES = ['this', 'following', 'all'] as const
export type SeriesScope = (typeof SERIES_SCOPES)[number]

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

type RulePart = [string, string]

function ruleParts(rule: string): RulePart[] {
  return rule
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const [key, value = ''] = part.split('=')
      return [key.toUpperCase(), value] as RulePart
    })
}

function joinParts(parts: RulePart[]) {
  return parts.map(([key, value]) => `${key}=${value}`).join(';')
}

/** Whole calendar days between two moments on the Moscow wall clock. */
export function dayDelta(from: DateTime, to: DateTime) {
  const first = from.setZone(REGION_ZONE).startOf('day')
  const second = to.setZone(REGION_ZONE).startOf('day')
  return Math.round(second.diff(first, 'days').days)
}

/** "2TU" for the second Tuesday of its month, "-1TU" for the last one when `fromEnd`. */
export function nthWeekdayOf(day: DateTime, fromEnd = false) {
  const wall = day.setZone(REGION_ZONE)
  const weekday = WEEKDAYS[wall.weekday - 1]
  if (fromEnd) return `-${Math.ceil((wall.daysInMonth! - wall.day + 1) / 7)}${weekday}`
  return `${Math.ceil(wall.day / 7)}${weekday}`
}

function formatUntil(moment: DateTime, allDay: boolean) {
  return allDay ? moment.setZone(REGION_ZONE).toFormat('yyyyLLdd') : moment.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")
}

function parseUntil(value: string) {
  return value.includes('T')
    ? DateTime.fromFormat(value, "yyyyLLdd'T'HHmmss'Z'", { zone: 'utc' })
    : DateTime.fromFormat(value, 'yyyyLLdd', { zone: REGION_ZONE })
}

/**
 * A rule that moves with its series by `shift` (the change of the start) so
 * that every occurrence moves together: BYDAY weekdays turn by the same
 * number of calendar days (an ordinal "2TU" of a monthly or yearly rule is
 * read again from the new start: "second Tuesday" dragged a day later is the
 * new day's ordinal, e.g. "2WE"), a single BYMONTHDAY or BYMONTH becomes the
 * new start's, several are shifted, and UNTIL moves by the shift as well so
 * the series keeps its number of occurrences.
 */
export function shiftRule(rule: string, oldStart: DateTime, newStart: DateTime, allDay: boolean) {
  const days = dayDelta(oldStart, newStart)
  const shift = newStart.diff(oldStart)
  const parts = ruleParts(rule)
  const freq = parts.find(([key]) => key === 'FREQ')?.[1]
  const result: RulePart[] = []
  for (const [key, value] of parts) {
    if (key === 'BYDAY' && days !== 0) {
      const values = value.split(',')
      const ordinal = values.length === 1 && /^[+-]?\d/.test(values[0]) && (freq === 'MONTHLY' || freq === 'YEARLY')
      if (ordinal) {
        result.push([key, nthWeekdayOf(newStart, values[0].startsWith('-'))])
        continue
      }
      const shifted = values.map((entry) => {
        const match = entry.match(/^([+-]?\d*)(MO|TU|WE|TH|FR|SA|SU)$/)
        if (!match) return entry
        const index = WEEKDAYS.indexOf(match[2] as (typeof WEEKDAYS)[number])
        return match[1] + WEEKDAYS[(((index + days) % 7) + 7) % 7]
      })
      const order = (entry: string) => WEEKDAYS.indexOf(entry.slice(-2) as (typeof WEEKDAYS)[number])
      result.push([key, [...new Set(shifted)].sort((a, b) => order(a) - order(b)).join(',')])
    } else if (key === 'BYMONTHDAY' && days !== 0) {
      const values = value.split(',').map(Number)
      if (values.length === 1) result.push([key, String(newStart.setZone(REGION_ZONE).day)])
      else {
        const shifted = values.map((day) => (day > 0 ? day + days : day)).filter((day) => day !== 0 && day >= -31 && day <= 31)
        result.push([key, (shifted.length ? [...new Set(shifted)] : [newStart.setZone(REGION_ZONE).day]).join(',')])
      }
    } else if (key === 'BYMONTH' && days !== 0 && !value.includes(',')) {
      result.push([key, String(newStart.setZone(REGION_ZONE).month)])
    } else if (key === 'BYYEARDAY' && days !== 0) {
      result.push([key, value.split(',').map((day) => String(Number(day) + days)).join(',')])
    } else if (key === 'UNTIL') {
      const until = parseUntil(value)
      result.push([key, until.isValid ? formatUntil(allDay ? until.plus({ days }) : until.plus(shift), allDay) : value])
    } else result.push([key, value])
  }
  return joinParts(result)
}

/** Exception dates (YYYY-MM-DD) moved by whole days. */
function shiftDays(days: string[], delta: number) {
  return days.map((day) => DateTime.fromISO(day, { zone: REGION_ZONE }).plus({ days: delta }).toISODate()!)
}

/** Whether `start` is an occurrence of the series that is not cancelled. */
export function isOccurrence(series: Series, start: DateTime) {
  return occurrences(series, start, start.plus({ milliseconds: 1 })).some((occurrence) => +occurrence.start === +start)
}

/**
 * Whether a series starting at `startMs` needs no alignment, without parsing
 * its rule: a rule that names no days, months or times of its own (no BY…
 * part: FREQ, INTERVAL, COUNT, UNTIL, WKST only) repeats its start's, so its
 * first occurrence is the start itself; only a whole second, since the rule
 * is calculated without milliseconds.
 */
export function ruleKeepsStart(rule: string, startMs: number) {
  return startMs % 1000 === 0 && !/(^|;)\s*BY/i.test(rule)
}

/**
 * The series with its DTSTART on its own first occurrence: a rule whose
 * days exclude the chosen start ("every Tuesday" starting on a Monday)
 * begins on the first day it names. RFC 5545 wants DTSTART to be the first
 * instance; calendar apps disagree about a start that is not.
 */
export function alignStart<T extends Series>(series: T): T {
  if (!series.rrule || ruleKeepsStart(series.rrule, series.startsAt.toMillis())) return series
  const first = buildRule(series).after(toFloating(series.startsAt), true)
  if (!first) return series
  const start = fromFloating(first)
  if (+start === +series.startsAt) return series
  const length = series.endsAt ? series.endsAt.diff(series.startsAt) : null
  return { ...series, startsAt: start, endsAt: length ? start.plus(length) : null }
}

/**
 * The whole series moved so that the occurrence at `occurrenceStart` lands
 * on `newStart`: the start, the rule's days and the cancelled dates all
 * shift together.
 */
export function shiftSeries<T extends Series>(series: T, occurrenceStart: DateTime, newStart: DateTime): T {
  const shift = newStart.diff(occurrenceStart)
  const days = dayDelta(occurrenceStart, newStart)
  const startsAt = series.startsAt.plus(shift)
  return {
    ...series,
    startsAt,
    endsAt: series.endsAt ? series.endsAt.plus(shift) : null,
    rrule: series.rrule ? shiftRule(series.rrule, series.startsAt, startsAt, series.allDay) : null,
    exdates: shiftDays(series.exdates, days),
  }
}

/** The series without one occurrence (an exception date). */
export function withoutOccurrence<T extends Series>(series: T, occurrenceStart: DateTime): T {
  const day = occurrenceStart.setZone(REGION_ZONE).toISODate()!
  return { ...series, exdates: [...new Set([...series.exdates, day])].sort() }
}

/**
 * Cuts a series at one of its occurrences: `before` ends just before it
 * (UNTIL a second earlier, or the number of occurrences it keeps when the
 * rule counts), `after` starts on it with the rest (the remaining COUNT,
 * the same UNTIL, the later cancelled dates). `before` is null when the
 * occurrence is the series' first.
 */
export function splitSeries<T extends Series>(series: T, occurrenceStart: DateTime): { before: T | null; after: T } {
  const length = series.endsAt ? series.endsAt.diff(series.startsAt) : null
  const day = occurrenceStart.setZone(REGION_ZONE).toISODate()!
  const parts = ruleParts(series.rrule!)
  const rule = buildRule(series)
  const cutoff = toFloating(occurrenceStart)
  const earlier = rule.all((date, index) => index < MAX_OCCURRENCES && date < cutoff).filter((date) => date < cutoff)
  const count = parts.find(([key]) => key === 'COUNT')
  const afterParts = parts.map(([key, value]): RulePart => (key === 'COUNT' ? [key, String(Math.max(1, Number(value) - earlier.length))] : [key, value]))
  const after = {
    ...series,
    startsAt: occurrenceStart,
    endsAt: length ? occurrenceStart.plus(length) : null,
    rrule: joinParts(afterParts),
    exdates: series.exdates.filter((exdate) => exdate >= day),
  }
  if (!earlier.length) return { before: null, after }
  const kept = parts.filter(([key]) => key !== 'COUNT' && key !== 'UNTIL')
  if (count) kept.push(['COUNT', String(earlier.length)])
  else kept.push(['UNTIL', formatUntil(series.allDay ? occurrenceStart.minus({ days: 1 }) : occurrenceStart.minus({ seconds: 1 }), series.allDay)])
  const before = { ...series, rrule: joinParts(kept), exdates: series.exdates.filter((exdate) => exdate < day) }
  return { before, after }
}

/** Whether two rules say the same (their parts in any order; UNTIL by the day it ends in Moscow). */
export function sameRule(first: string | null, second: string | null) {
  if (!first || !second) return first === second
  const canonical = (rule: string) =>
    ruleParts(rule)
      .map(([key, value]) => {
        if (key === 'INTERVAL' && value === '1') return ''
        if (key !== 'UNTIL') return `${key}=${value}`
        const until = parseUntil(value)
        return `UNTIL=${until.isValid ? until.setZone(REGION_ZONE).toISODate() : value}`
      })
      .filter(Boolean)
      .sort()
      .join(';')
  return canonical(first) === canonical(second)
}
