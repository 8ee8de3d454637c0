import { DateTime, Settings } from 'luxon'
import { REGION_ZONE } from '#core/region_time'

/**
 * The platform's one clock. Every "now" and "today" of the application reads
 * it: Luxon's DateTime.now() does (its Settings.now is this clock), and code
 * that needs a JavaScript Date or milliseconds calls `clockDate()` or
 * `clockMillis()`.
 *
 * In tests, KRAI_TODAY (an ISO date, honoured only when NODE_ENV=test) moves
 * the clock to noon of that day in the region's zone; time then runs on as
 * usual. The shift is handed to child processes (`node ace …` started by a
 * test) through KRAI_CLOCK_OFFSET_MS, so they agree to the millisecond.
 */

let offsetMs = 0

/** Milliseconds since the epoch, by the platform's clock. */
export function clockMillis() {
  return Date.now() + offsetMs
}

/** Now as a JavaScript Date, by the platform's clock. */
export function clockDate() {
  return new Date(clockMillis())
}

/** Now as a Luxon DateTime (the same as DateTime.now()). */
export function clockNow() {
  return DateTime.now()
}

/**
 * How far the clock runs ahead of the system's (ms): 0 outside tests or
 * without KRAI_TODAY; else what brings `realNow` to noon of that day in the
 * region, or the offset a parent process handed down. Records the offset in
 * `env` for child processes.
 */
export function clockOffsetFor(env: NodeJS.ProcessEnv, realNow: number): number {
  if (env.NODE_ENV !== 'test') return 0
  const inherited = env.KRAI_CLOCK_OFFSET_MS
  if (inherited && /^-?\d+$/.test(inherited)) return Number(inherited)
  const today = env.KRAI_TODAY
  if (!today) return 0
  const day = DateTime.fromISO(today, { zone: REGION_ZONE })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !day.isValid) {
    throw new Error(`KRAI_TODAY must be an ISO date (YYYY-MM-DD), not "${today}"`)
  }
  const offset = day.set({ hour: 12 }).toMillis() - realNow
  env.KRAI_CLOCK_OFFSET_MS = String(offset)
  return offset
}

/**
 * Sets the clock up for this process (once, at boot, from the Krai
 * provider). Returns the day the clock is fixed to, if any.
 */
export function installClock(): string | null {
  offsetMs = clockOffsetFor(process.env, Date.now())
  Settings.now = clockMillis
  return offsetMs ? DateTime.now().setZone(REGION_ZONE).toISODate() : null
}
