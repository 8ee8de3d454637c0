import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'

export interface CalendarDays {
  holidays: string[]
  workingWeekends: string[]
}

interface ProductionCalendarFile {
  source: string
  years: Record<string, CalendarDays & { shortened?: string[] }>
}

/**
 * The production calendar shipped with the app (database/data), 2025–2027.
 */
export function loadProductionCalendar(): ProductionCalendarFile {
  return JSON.parse(readFileSync(new URL('../../../../database/data/production_calendar.json', import.meta.url), 'utf8'))
}

/**
 * Working days of the Russian production calendar: Saturdays, Sundays and
 * holidays are off, except weekends made working by a transfer. Deadlines are
 * counted on it and moved off non-working days.
 */
export class WorkingCalendar {
  #holidays: Set<string>
  #workingWeekends: Set<string>

  constructor(days: CalendarDays) {
    this.#holidays = new Set(days.holidays)
    this.#workingWeekends = new Set(days.workingWeekends)
  }

  /** Flattens the JSON file (years → holidays / working weekends). */
  static fromData(data: ProductionCalendarFile) {
    const years = Object.values(data.years)
    return new WorkingCalendar({
      holidays: years.flatMap((year) => year.holidays),
      workingWeekends: years.flatMap((year) => year.workingWeekends),
    })
  }

  isWorkingDay(date: DateTime) {
    const day = date.toISODate()!
    if (this.#holidays.has(day)) return false
    if (this.#workingWeekends.has(day)) return true
    return date.weekday <= 5
  }

  /** The date itself when it is a working day, else the closest one before it. */
  previousWorkingDay(date: DateTime) {
    let day = date.startOf('day')
    while (!this.isWorkingDay(day)) day = day.minus({ days: 1 })
    return day
  }

  /** The date itself when it is a working day, else the closest one after it. */
  nextWorkingDay(date: DateTime) {
    let day = date.startOf('day')
    while (!this.isWorkingDay(day)) day = day.plus({ days: 1 })
    return day
  }

  /** The date `days` working days after `date` (the start date is not counted). */
  addWorkingDays(date: DateTime, days: number) {
    let day = date.startOf('day')
    let left = days
    while (left > 0) {
      day = day.plus({ days: 1 })
      if (this.isWorkingDay(day)) left--
    }
    return day
  }

  /** Working days after `from` up to and including `to`. */
  workingDaysBetween(from: DateTime, to: DateTime) {
    let count = 0
    for (let day = from.startOf('day').plus({ days: 1 }); day <= to.startOf('day'); day = day.plus({ days: 1 })) {
      if (this.isWorkingDay(day)) count++
    }
    return count
  }
}
