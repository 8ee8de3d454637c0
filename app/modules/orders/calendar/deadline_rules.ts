import { DateTime } from 'luxon'
import type { WorkingCalendar } from '#modules/orders/calendar/working_calendar'

export type DeadlineKeyword = 'date' | 'immediately' | 'urgent' | 'promptly' | 'monthly' | 'quarterly' | 'permanent' | 'none'

export type DeadlineRule =
  | { kind: 'working_days'; days: number }
  | { kind: 'day_of_next_month'; day: number }
  | { kind: 'date_of_next_year'; month: number; day: number }
  | { kind: 'calendar_months'; months: number }

/**
 * The regional rules for deadlines given by a word instead of a date
 * (configurable per tenant; these are the defaults of DOMAIN.md).
 */
export const DEFAULT_DEADLINE_RULES: Record<Exclude<DeadlineKeyword, 'date'>, DeadlineRule> = {
  immediately: { kind: 'working_days', days: 1 },
  urgent: { kind: 'working_days', days: 3 },
  promptly: { kind: 'working_days', days: 10 },
  monthly: { kind: 'day_of_next_month', day: 10 },
  quarterly: { kind: 'day_of_next_month', day: 10 },
  permanent: { kind: 'date_of_next_year', month: 1, day: 20 },
  none: { kind: 'calendar_months', months: 1 },
}

function apply(rule: DeadlineRule, signedAt: DateTime, calendar: WorkingCalendar) {
  switch (rule.kind) {
    case 'working_days':
      return calendar.addWorkingDays(signedAt, rule.days)
    case 'day_of_next_month':
      return signedAt.plus({ months: 1 }).set({ day: rule.day })
    case 'date_of_next_year':
      return DateTime.fromObject({ year: signedAt.year + 1, month: rule.month, day: rule.day })
    case 'calendar_months':
      return signedAt.plus({ months: rule.months })
  }
}

/**
 * The deadline of an order: the given date, or the date its keyword means;
 * either way a non-working day moves to the preceding working day.
 */
export function resolveDeadline(
  input: { keyword: DeadlineKeyword; date?: DateTime | null; signedAt: DateTime },
  calendar: WorkingCalendar,
  rules: Record<Exclude<DeadlineKeyword, 'date'>, DeadlineRule> = DEFAULT_DEADLINE_RULES
): DateTime {
  const signedAt = input.signedAt.startOf('day')
  if (input.keyword === 'date') {
    if (!input.date) throw new Error('A deadline given as a date needs the date')
    return calendar.previousWorkingDay(input.date)
  }
  return calendar.previousWorkingDay(apply(rules[input.keyword], signedAt, calendar))
}
