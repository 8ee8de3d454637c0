import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'

/**
 * Dates as people read them, one way everywhere (pages, notifications,
 * e-mails, order history, PDF, XLSX, control reports):
 *
 * - a date is ДД.ММ.ГГГГ (30.11.2026), in English too;
 * - a moment is ДД.ММ.ГГГГ ЧЧ:ММ in the region's zone (Moscow), whatever the server's zone;
 * - in running text the month is a word, lower-case in Russian («30 ноября 2026»).
 *
 * Machine formats (API JSON, iCal, CSV for machines, `<time datetime>`) stay ISO
 * and do not come through here.
 */

/** What the formatters accept: a Luxon DateTime, a JavaScript Date (as pg reads `date` and `timestamptz`), or an ISO string. */
export type DateInput = DateTime | Date | string | null | undefined

/** The Excel number formats of date cells in every XLSX export. */
export const XLSX_DATE_FORMAT = 'dd.mm.yyyy'
export const XLSX_DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/

const isMidnight = (value: DateTime) => value.hour === 0 && value.minute === 0 && value.second === 0 && value.millisecond === 0

/**
 * The calendar day a value stands for. A date without a time (a PostgreSQL
 * `date`, read as local midnight; an ISO day) is that day as written; a
 * moment is the day it falls on in the region.
 */
export function regionDay(value: DateInput): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof DateTime) {
    if (!value.isValid) return null
    return isMidnight(value) ? DateTime.fromObject({ year: value.year, month: value.month, day: value.day }, { zone: REGION_ZONE }) : value.setZone(REGION_ZONE).startOf('day')
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    return regionDay(DateTime.fromJSDate(value))
  }
  const text = String(value).trim()
  if (ISO_DAY.test(text)) {
    const day = DateTime.fromISO(text, { zone: REGION_ZONE })
    return day.isValid ? day : null
  }
  const moment = regionMoment(text)
  return moment ? moment.startOf('day') : null
}

/** The moment a value stands for, in the region's zone (an ISO day is its midnight there). */
export function regionMoment(value: DateInput): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof DateTime) return value.isValid ? value.setZone(REGION_ZONE) : null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : DateTime.fromJSDate(value, { zone: REGION_ZONE })
  const text = String(value).trim()
  if (ISO_DAY.test(text)) return regionDay(text)
  const moment = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true })
  return moment.isValid ? moment.setZone(REGION_ZONE) : null
}

/** 30.11.2026 (both languages); '—' for no date. */
export function formatDate(value: DateInput, _locale = 'ru') {
  const day = regionDay(value)
  return day ? day.toFormat('dd.MM.yyyy') : '—'
}

/** 30.11.2026 14:05 in the region's zone (both languages); '—' for no moment. */
export function formatDateTime(value: DateInput, _locale = 'ru') {
  const moment = regionMoment(value)
  return moment ? moment.toFormat('dd.MM.yyyy HH:mm') : '—'
}

/** For running text: «30 ноября 2026» in Russian (lower-case month, genitive), "30 November 2026" in English. */
export function formatLongDate(value: DateInput, locale = 'ru') {
  const day = regionDay(value)
  return day ? day.setLocale(locale).toFormat('d MMMM yyyy') : '—'
}

/** For running text without the year: «30 ноября», "30 November". */
export function formatDayMonth(value: DateInput, locale = 'ru') {
  const day = regionDay(value)
  return day ? day.setLocale(locale).toFormat('d MMMM') : '—'
}

/** A month (YYYY-MM or any date in it) as a word: «ноябрь 2026» (lower-case in Russian), "November 2026". */
export function formatMonth(value: DateInput, locale = 'ru') {
  const text = typeof value === 'string' && /^\d{4}-\d{2}$/.test(value.trim()) ? `${value.trim()}-01` : value
  const day = regionDay(text)
  return day ? day.setLocale(locale).toFormat('LLLL yyyy') : '—'
}

/** 30.11 (a short axis label, e.g. the week of a trend). */
export function formatShortDate(value: DateInput) {
  const day = regionDay(value)
  return day ? day.toFormat('dd.MM') : '—'
}

/**
 * A stored value as people read it: an ISO day becomes 30.11.2026, an ISO
 * moment 30.11.2026 14:05 (Moscow), anything else is shown as it is; empty
 * is '—'. For texts kept in machine form (order history, notification data).
 */
export function formatValue(value: unknown, locale = 'ru'): string {
  if (value === null || value === undefined || value === '') return '—'
  if (value instanceof DateTime || value instanceof Date) return formatDateTime(value, locale)
  const text = String(value)
  if (ISO_DAY.test(text) && regionDay(text)) return formatDate(text, locale)
  if (ISO_MOMENT.test(text) && regionMoment(text)) return formatDateTime(text, locale)
  return text
}

/**
 * The data of a message with its dates made readable (ISO days and moments
 * formatted as by `formatValue`, other values unchanged), for texts built
 * from stored data: notifications in the app and their e-mails.
 */
export function readableData(data: Record<string, unknown> | null | undefined, locale = 'ru'): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data ?? {})) {
    result[key] = typeof value === 'string' && (ISO_DAY.test(value) || ISO_MOMENT.test(value)) ? formatValue(value, locale) : value
  }
  return result
}

/**
 * A date cell for ExcelJS: the region's calendar day (or wall-clock moment
 * with `withTime`) as a Date whose UTC fields hold it, which is how ExcelJS
 * writes a date serial. Pair with XLSX_DATE_FORMAT / XLSX_DATE_TIME_FORMAT.
 */
export function xlsxDate(value: DateInput, withTime = false): Date | null {
  const local = withTime ? regionMoment(value) : regionDay(value)
  if (!local) return null
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second))
}
