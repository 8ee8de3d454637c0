import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** The region's time zone: its calendar days are Moscow days, whatever the server's zone. */
export const REGION_ZONE = 'Europe/Moscow'

/**
 * Today in the region, inside SQL that PostgreSQL runs without the app's
 * bindings (materialized rollup aggregates): the day the refresh set with
 * `setRegionTodayFor(trx)`, else the database's current_date.
 */
export const REGION_TODAY_SQL = `coalesce(nullif(current_setting('krai.today', true), '')::date, current_date)`

/** The start of today in the region (by the platform's clock, app/core/clock.ts). */
export function regionToday() {
  return DateTime.now().setZone(REGION_ZONE).startOf('day')
}

/**
 * Today in the region as YYYY-MM-DD: what date validators compare with
 * (`vine.date().beforeOrEqual(regionTodayIso)`); VineJS's own 'today' is the
 * server's day and ignores the platform's clock.
 */
export function regionTodayIso() {
  return regionToday().toISODate()!
}

/** Lets REGION_TODAY_SQL read the region's today (by the platform's clock) for the rest of the transaction. */
export async function setRegionTodayFor(trx: TransactionClientContract) {
  await trx.rawQuery(`select set_config('krai.today', ?, true)`, [regionTodayIso()])
}
