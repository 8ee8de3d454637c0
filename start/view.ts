/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
*/

import edge from 'edge.js'
import { DateTime } from 'luxon'
import { isoDay } from '#core/date_column'
import { REGION_ZONE } from '#core/region_time'

/** Formats a date-time for the reader's language in the region's zone. */
edge.global('formatDateTime', (value: DateTime | Date | null | undefined, locale = 'ru') => {
  if (!value) return '—'
  const dateTime = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dateTime.setZone(REGION_ZONE).setLocale(locale).toLocaleString(DateTime.DATETIME_MED)
})

/** Formats a calendar date (a PostgreSQL `date`, an ISO day or a DateTime) for the reader's language. */
edge.global('formatDate', (value: DateTime | Date | string | null | undefined, locale = 'ru') => {
  if (!value) return '—'
  const day = value instanceof DateTime ? value : DateTime.fromISO(isoDay(value))
  return day.setLocale(locale).toLocaleString(DateTime.DATE_MED)
})

/** Creating an Intl.NumberFormat costs far more than using one: one per language, made once. */
const numberFormats = new Map<string, Intl.NumberFormat>()
edge.global('formatNumber', (value: number, locale = 'ru') => {
  let format = numberFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale)
    if (numberFormats.size < 16) numberFormats.set(locale, format)
  }
  return format.format(value)
})

/**
 * Edge decides at construction, before the provider enables its template
 * cache, to rescan the components directory on every render. Templates do
 * not change in production, so list the components once there.
 */
if (process.env.NODE_ENV === 'production') {
  const listComponents = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof listComponents> | undefined
  edge.loader.listComponents = () => (components ??= listComponents())
}
