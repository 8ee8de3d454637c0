import type { DateTime } from 'luxon'
import type { WorkingCalendar } from '#modules/orders/calendar/working_calendar'

/** How an order's deadline is given: an explicit date or one of the regional keywords. */
export type DeadlineKeyword = 'date' | 'immediately' | 'urgent' | 'promptly' | 'monthly' | 'quarterly' | 'permanent' | 'none'

/** What a keyword means, counted from the day the order is signed. */
export type DeadlineRule =
  | { kind: 'working_days'; days: number }
  | { kind: 'day_of_next_month'; day: number }
  | { kind: 'date_of_next_year'; month: number; day: number }
  | { kind: 'calendar_months'; months: number }

export const DEADLINE_RULE_KINDS = ['working_days', 'day_of_next_month', 'date_of_next_year', 'calendar_months'] as const

/** One rule per keyword (all but `date`); tenants may configure their own. */
export type DeadlineRules = Record<Exclude<DeadlineKeyword, 'date'>, DeadlineRule>

/**
 * The regional defaults (DOMAIN.md): «немедленно» 1 working day, «срочно» 3,
 * «оперативно» 10; «ежемесячно / ежеквартально» the 10th of the next month;
 * «постоянно» 20 January of the next year; no date one calendar month.
 */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  immediately: { kind: 'working_days', days: 1 },
  urgent: { kind: 'working_days', days: 3 },
  promptly: { kind: 'working_days', days: 10 },
  monthly: { kind: 'day_of_next_month', day: 10 },
  quarterly: { kind: 'day_of_next_month', day: 10 },
  permanent: { kind: 'date_of_next_year', month: 1, day: 20 },
  none: { kind: 'calendar_months', months: 1 },
}

/** Names of the keywords for forms, exports and API docs, in Russian and English. */
export const DEADLINE_KEYWORD_LABELS: Record<DeadlineKeyword, { ru: string; en: string }> = {
  date: { ru: 'Конкретная дата', en: 'A specific date' },
  immediately: { ru: 'Немедленно / весьма срочно', en: 'Immediately' },
  urgent: { ru: 'Срочно / незамедлительно', en: 'Urgent' },
  promptly: { ru: 'Оперативно', en: 'Promptly' },
  monthly: { ru: 'Ежемесячно', en: 'Monthly' },
  quarterly: { ru: 'Ежеквартально', en: 'Quarterly' },
  permanent: { ru: 'Постоянно', en: 'Permanent' },
  none: { ru: 'Без срока', en: 'No date' },
}

function assertWhole(value: number, min: number, max: number, what: string) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid deadline rule: ${what} must be a whole number from ${min} to ${max}, got ${value}`)
  }
}

/** The raw date a rule gives for an order signed on `signedAt` (start of day), before moving off days off. */
function applyRule(rule: DeadlineRule, signedAt: DateTime, calendar: WorkingCalendar): DateTime {
  switch (rule.kind) {
    case 'working_days':
      return calendar.addWorkingDays(signedAt, rule.days)
    case 'day_of_next_month': {
      assertWhole(rule.day, 1, 31, 'day')
      const month = signedAt.startOf('month').plus({ months: 1 })
      return month.set({ day: Math.min(rule.day, month.daysInMonth!) })
    }
    case 'date_of_next_year': {
      assertWhole(rule.month, 1, 12, 'month')
      assertWhole(rule.day, 1, 31, 'day')
      const month = signedAt.startOf('year').plus({ years: 1 }).set({ month: rule.month })
      return month.set({ day: Math.min(rule.day, month.daysInMonth!) })
    }
    case 'calendar_months':
      // Luxon keeps the day of month, clamped to the month's end (Jan 31 → Feb 28).
      return signedAt.plus({ months: rule.months })
  }
}

/**
 * The deadline of an order: the given date or the date its keyword means,
 * moved to the preceding working day when it falls on a day off.
 */
export function resolveDeadline(
  input: { keyword: DeadlineKeyword; date?: DateTime | null; signedAt: DateTime },
  calendar: WorkingCalendar,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES
): DateTime {
  if (input.keyword === 'date') {
    if (!input.date) throw new Error('A deadline given as a date needs the date')
    return calendar.previousWorkingDay(input.date)
  }
  const rule = rules[input.keyword]
  if (!rule) throw new Error(`Unknown deadline keyword "${input.keyword}"`)
  return calendar.previousWorkingDay(applyRule(rule, input.signedAt.startOf('day'), calendar))
}

/**
 * A rule as the settings form shows it: its kind, one number (days, day of
 * month or months) and, for a date of next year, the month.
 */
export function ruleToForm(rule: DeadlineRule): { kind: DeadlineRule['kind']; value: number; month?: number } {
  switch (rule.kind) {
    case 'working_days':
      return { kind: rule.kind, value: rule.days }
    case 'day_of_next_month':
      return { kind: rule.kind, value: rule.day }
    case 'date_of_next_year':
      return { kind: rule.kind, value: rule.day, month: rule.month }
    case 'calendar_months':
      return { kind: rule.kind, value: rule.months }
  }
}

export function ruleFromForm(input: { kind: DeadlineRule['kind']; value: number; month?: number }): DeadlineRule {
  switch (input.kind) {
    case 'working_days':
      return { kind: input.kind, days: input.value }
    case 'day_of_next_month':
      return { kind: input.kind, day: input.value }
    case 'date_of_next_year':
      return { kind: input.kind, day: input.value, month: input.month ?? 1 }
    case 'calendar_months':
      return { kind: input.kind, months: input.value }
  }
}

/** Whether two rules mean the same (whatever the order of their keys). */
export function sameRule(a: DeadlineRule, b: DeadlineRule) {
  const left = ruleToForm(a)
  const right = ruleToForm(b)
  return left.kind === right.kind && left.value === right.value && left.month === right.month
}
