import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'

/** The days that differ from an ordinary Monday–Friday week, as ISO dates (YYYY-MM-DD). */
export interface CalendarDays {
  holidays: string[]
  workingWeekends: string[]
}

/** One year of database/data/production_calendar.json. */
export interface ProductionCalendarYear extends CalendarDays {
  /** Pre-holiday days shortened by one hour (informational, not used in counting). */
  shortened?: string[]
}

/** The shape of database/data/production_calendar.json. */
export interface ProductionCalendarData {
  source?: string
  years: Record<string, ProductionCalendarYear>
}

const DAY_MS = 86_400_000
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
/** How far previous/next working day look before giving up (ten years of days off is a broken calendar). */
const SEARCH_LIMIT = 3660

/** The calendar date of `date` (in its own zone) as whole days since 1970-01-01. */
function epochDayOf(date: DateTime): number {
  if (!date.isValid) throw new Error(`Invalid date: ${date.invalidExplanation ?? date.invalidReason}`)
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS
}

/** Whole days since 1970-01-01 of a strict YYYY-MM-DD string. */
function epochDayOfIso(iso: string): number {
  const match = ISO_DAY.exec(iso)
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (!match || new Date(time).toISOString().slice(0, 10) !== iso) {
    throw new Error(`Invalid calendar date "${iso}": expected an existing date as YYYY-MM-DD`)
  }
  return time / DAY_MS
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
function isWeekendDay(epochDay: number) {
  const weekday = (((epochDay + 4) % 7) + 7) % 7 // 0 = Sunday … 6 = Saturday
  return weekday === 0 || weekday === 6
}

/**
 * The production calendar shipped with the app (2025–2027). It seeds every
 * tenant's own, admin-editable calendar and serves as the default in tests.
 * Read from disk because JSON cannot be imported through the `#database/*`
 * alias (it maps to `.js` files).
 */
export function loadProductionCalendar(): ProductionCalendarData {
  const file = new URL('../../../../database/data/production_calendar.json', import.meta.url)
  return JSON.parse(readFileSync(file, 'utf8'))
}

/**
 * Working days of the Russian production calendar, which order deadlines are
 * counted on: Saturdays, Sundays and listed holidays are off, except weekends
 * listed as working (transfers). A day listed both ways counts as a holiday.
 * Only calendar dates matter: the time of day is ignored and results are the
 * start of the day in the zone of the date given.
 */
export class WorkingCalendar {
  #holidays: Set<number>
  #workingWeekends: Set<number>

  constructor(days: CalendarDays) {
    this.#holidays = new Set(days.holidays.map(epochDayOfIso))
    this.#workingWeekends = new Set(days.workingWeekends.map(epochDayOfIso))
  }

  /** One calendar from the per-year JSON shape (years are merged). */
  static fromData(data: { years: Record<string, CalendarDays> }) {
    const years = Object.values(data.years)
    return new WorkingCalendar({
      holidays: years.flatMap((year) => year.holidays),
      workingWeekends: years.flatMap((year) => year.workingWeekends),
    })
  }

  #isWorking(epochDay: number) {
    if (this.#holidays.has(epochDay)) return false
    return !isWeekendDay(epochDay) || this.#workingWeekends.has(epochDay)
  }

  #toDate(origin: DateTime, originDay: number, epochDay: number) {
    return origin.startOf('day').plus({ days: epochDay - originDay })
  }

  #search(date: DateTime, step: 1 | -1) {
    const start = epochDayOf(date)
    for (let day = start, seen = 0; seen <= SEARCH_LIMIT; day += step, seen++) {
      if (this.#isWorking(day)) return this.#toDate(date, start, day)
    }
    throw new Error(`No working day within ${SEARCH_LIMIT} days of ${date.toISODate()}`)
  }

  /** Whether `date` is a working day. */
  isWorkingDay(date: DateTime) {
    return this.#isWorking(epochDayOf(date))
  }

  /** The date itself when it is a working day, else the closest one before it (where late deadlines move). */
  previousWorkingDay(date: DateTime) {
    return this.#search(date, -1)
  }

  /** The date itself when it is a working day, else the closest one after it. */
  nextWorkingDay(date: DateTime) {
    return this.#search(date, 1)
  }

  /**
   * The day `days` working days after `date`; the start date is not counted,
   * so 1 means the next working day. Negative counts go back the same way;
   * 0 gives the start date itself.
   */
  addWorkingDays(date: DateTime, days: number) {
    if (!Number.isInteger(days)) throw new Error(`Working days must be a whole number, got ${days}`)
    const start = epochDayOf(date)
    const step = days < 0 ? -1 : 1
    let day = start
    for (let left = Math.abs(days); left > 0; ) {
      day += step
      if (this.#isWorking(day)) left--
    }
    return this.#toDate(date, start, day)
  }

  /**
   * Working days after `from` up to and including `to`; when `to` is earlier,
   * minus the working days from `to` up to (not including) `from`. Either way
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   */
  workingDaysBetween(from: DateTime, to: DateTime) {
    const first = epochDayOf(from)
    const last = epochDayOf(to)
    // Forwards: (from, to]; backwards: [to, from), mirroring addWorkingDays.
    const [low, high, sign] = last >= first ? [first + 1, last, 1] : [last, first - 1, -1]
    let count = 0
    for (let day = low; day <= high; day++) {
      if (this.#isWorking(day)) count++
    }
    return count === 0 ? 0 : sign * count
  }
}
