/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
*/

import edge from 'edge.js'
import { formatDate, formatDateTime, formatDayMonth, formatLongDate, formatMonth, formatShortDate, formatValue, readableData } from '#core/dates'

/** Dates as people read them (app/core/dates.ts): 30.11.2026, 30.11.2026 14:05 (Moscow), «30 ноября 2026». */
edge.global('formatDate', formatDate)
edge.global('formatDateTime', formatDateTime)
edge.global('formatLongDate', formatLongDate)
edge.global('formatDayMonth', formatDayMonth)
edge.global('formatShortDate', formatShortDate)
edge.global('formatMonth', formatMonth)
/** A stored value (order history, notification data) with ISO dates made readable. */
edge.global('formatValue', formatValue)
/** A notification's data with its dates made readable, for `t('notifications.kinds.…', readableData(data, locale))`. */
edge.global('readableData', readableData)

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
