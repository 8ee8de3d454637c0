/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
*/

import edge from 'edge.js'
import { DateTime } from 'luxon'

/** Formats a date-time for the reader's language in the region's zone. */
edge.global('formatDateTime', (value: DateTime | Date | null | undefined, locale = 'ru') => {
  if (!value) return '—'
  const dateTime = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dateTime.setZone('Europe/Moscow').setLocale(locale).toLocaleString(DateTime.DATETIME_MED)
})

edge.global('formatNumber', (value: number, locale = 'ru') => new Intl.NumberFormat(locale).format(value))
