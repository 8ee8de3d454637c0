import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { nthWeekdayOf } from '#modules/planner/services/recurrence'

/**
 * The repeat picker of the planner form: a few plain choices (how often,
 * which weekdays, a month's date or "second Tuesday", until a date or N
 * times) turned into an RRULE on the server, and an RRULE read back into
 * those choices for the edit form. Rules the picker cannot express stay
 * "custom" (the RRULE text field), so nothing an API client stored is lost.
 */

export const REPEAT_FREQUENCIES = ['none', 'daily', 'weekly', 'monthly', 'yearly', 'custom'] as const
export const REPEAT_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export const REPEAT_MONTHLY = ['date', 'weekday'] as const
export const REPEAT_ENDS = ['never', 'until', 'count'] as const

export interface RepeatChoice {
  repeat: (typeof REPEAT_FREQUENCIES)[number]
  repeatInterval: number
  repeatDays: string[]
  repeatMonthly: (typeof REPEAT_MONTHLY)[number]
  repeatEnd: (typeof REPEAT_ENDS)[number]
  /** YYYY-MM-DD, the last day (inclusive) */
  repeatUntil: string
  repeatCount: number | ''
  /** The rule text of a custom rule. */
  rrule: string
}

export interface RepeatInput {
  repeat?: string
  repeatInterval?: number | null
  repeatDays?: string[] | null
  repeatMonthly?: string | null
  repeatEnd?: string | null
  repeatUntil?: Date | string | null
  repeatCount?: number | null
}

function isoDay(value: Date | string) {
  if (typeof value === 'string') return value.slice(0, 10)
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}

/** Whether a "second Tuesday" is better said "last Tuesday" (the start is in the month's last seven days, but not its first four weeks). */
function useLastWeekday(start: DateTime) {
  return Math.ceil(start.day / 7) === 5
}

/**
 * The RRULE the picker's choices make for a series starting at `start`
 * (the Moscow wall clock); null for "does not repeat", undefined for
 * "custom" (the RRULE field then counts).
 */
export function ruleFromPicker(input: RepeatInput, start: DateTime): string | null | undefined {
  const wall = start.setZone(REGION_ZONE)
  const repeat = input.repeat ?? 'none'
  if (repeat === 'none') return null
  if (repeat === 'custom') return undefined
  const parts = [`FREQ=${repeat.toUpperCase()}`]
  const interval = input.repeatInterval ?? 1
  if (interval > 1) parts.push(`INTERVAL=${interval}`)
  if (repeat === 'weekly') {
    const chosen = REPEAT_WEEKDAYS.filter((day) => input.repeatDays?.includes(day))
    parts.push(`BYDAY=${(chosen.length ? chosen : [REPEAT_WEEKDAYS[wall.weekday - 1]]).join(',')}`)
  }
  if (repeat === 'monthly') {
    if (input.repeatMonthly === 'weekday') parts.push(`BYDAY=${nthWeekdayOf(wall, useLastWeekday(wall))}`)
    else parts.push(`BYMONTHDAY=${wall.day}`)
  }
  if (input.repeatEnd === 'until' && input.repeatUntil) parts.push(`UNTIL=${isoDay(input.repeatUntil).replaceAll('-', '')}`)
  if (input.repeatEnd === 'count' && input.repeatCount) parts.push(`COUNT=${input.repeatCount}`)
  return parts.join(';')
}

/** The picker's choices for a stored rule (the edit form's first values). */
export function pickerFromRule(rule: string | null, start: DateTime, allDay: boolean): RepeatChoice {
  const wall = start.setZone(REGION_ZONE)
  const choice: RepeatChoice = {
    repeat: 'none',
    repeatInterval: 1,
    repeatDays: [REPEAT_WEEKDAYS[wall.weekday - 1]],
    repeatMonthly: 'date',
    repeatEnd: 'never',
    repeatUntil: '',
    repeatCount: '',
    rrule: rule ?? '',
  }
  if (!rule) return choice
  const parts = new Map(rule.split(';').map((part) => part.split('=') as [string, string]))
  const custom = { ...choice, repeat: 'custom' as const }
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'COUNT', 'WKST'])
  if ([...parts.keys()].some((key) => !known.has(key))) return custom
  const freq = parts.get('FREQ')?.toLowerCase()
  if (freq !== 'daily' && freq !== 'weekly' && freq !== 'monthly' && freq !== 'yearly') return custom
  choice.repeat = freq
  choice.repeatInterval = Number(parts.get('INTERVAL') ?? 1)
  const byDay = parts.get('BYDAY')
  const byMonthDay = parts.get('BYMONTHDAY')
  if (freq === 'daily' || freq === 'yearly') {
    if (byDay || byMonthDay) return custom
  } else if (freq === 'weekly') {
    if (byMonthDay) return custom
    const days = byDay ? byDay.split(',') : [REPEAT_WEEKDAYS[wall.weekday - 1]]
    if (!days.every((day) => (REPEAT_WEEKDAYS as readonly string[]).includes(day))) return custom
    choice.repeatDays = days
  } else if (byDay && !byMonthDay) {
    if (byDay !== nthWeekdayOf(wall, useLastWeekday(wall))) return custom
    choice.repeatMonthly = 'weekday'
  } else if (byMonthDay && !byDay) {
    if (Number(byMonthDay) !== wall.day) return custom
  } else if (byDay && byMonthDay) return custom
  const until = parts.get('UNTIL')
  const count = parts.get('COUNT')
  if (count) {
    choice.repeatEnd = 'count'
    choice.repeatCount = Number(count)
  } else if (until) {
    choice.repeatEnd = 'until'
    // a timed rule's UNTIL is the end of the last day in Moscow, as a UTC instant
    const moment = until.includes('T')
      ? DateTime.fromFormat(until, "yyyyLLdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(REGION_ZONE)
      : DateTime.fromFormat(until, 'yyyyLLdd', { zone: allDay ? REGION_ZONE : 'utc' })
    // a split series ends a second before the occurrence that left it: its last day is the one before
    const lastDay = !allDay && moment.toFormat('HH:mm:ss') < wall.toFormat('HH:mm:ss') ? moment.minus({ days: 1 }) : moment
    choice.repeatUntil = lastDay.toISODate() ?? ''
  }
  return choice
}
