import vine from '@vinejs/vine'
import { REGION_ZONE } from '#core/region_time'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { PLANNER_KINDS } from '#modules/planner/models/planner_item'
import { InvalidRule, normalizeRule, SERIES_SCOPES } from '#modules/planner/services/recurrence'
import { REPEAT_ENDS, REPEAT_FREQUENCIES, REPEAT_MONTHLY, REPEAT_WEEKDAYS } from '#modules/planner/services/repeat_picker'

/** Longest single occurrence: keeps range queries on the start index short. */
export const MAX_ITEM_DAYS = 62
/** Reminders: at most a week ahead. */
export const MAX_REMINDER_MINUTES = 10080

/** "2026-11-24", "2026-11-24T10:00" (Moscow) or a full ISO instant with offset. */
const MOMENT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Reads a validated moment; local times are the Moscow wall clock. */
export function parseMoment(value: string, allDay = false) {
  const moment = DateTime.fromISO(value.replace(' ', 'T'), { zone: REGION_ZONE })
  return allDay ? moment.setZone(REGION_ZONE).startOf('day') : moment
}

const validMoment = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!MOMENT.test(value) || !parseMoment(value).isValid) field.report('Enter a date and time', 'plannerMoment', field)
})

/** The end comes after the start, and the item is not longer than MAX_ITEM_DAYS. */
const endAfterStart = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'string') return
  const startsAt = field.parent?.startsAt
  if (typeof startsAt !== 'string' || !MOMENT.test(startsAt)) return
  const allDay = field.parent?.allDay === true
  const start = parseMoment(startsAt, allDay)
  // an all-day end is the last day itself (inclusive)
  const end = allDay ? parseMoment(value, true).plus({ days: 1 }) : parseMoment(value)
  if (!start.isValid || !end.isValid) return
  if (end <= start) field.report('The end must be after the start', 'plannerEndAfterStart', field)
  else if (end.diff(start, 'days').days > MAX_ITEM_DAYS) field.report('Too long', 'plannerTooLong', field, { max: MAX_ITEM_DAYS })
})

const validRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'string') return
  try {
    normalizeRule(value, field.parent?.allDay === true)
  } catch (error) {
    if (!(error instanceof InvalidRule)) throw error
    field.report('Invalid recurrence rule', 'plannerRrule', field)
  }
})

/** The repeat picker's last day is not before the first occurrence. */
const untilAfterStart = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || !(value instanceof Date)) return
  const startsAt = field.parent?.startsAt
  if (typeof startsAt !== 'string' || !MOMENT.test(startsAt)) return
  const start = parseMoment(startsAt)
  const until = DateTime.fromObject({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() }, { zone: REGION_ZONE })
  if (start.isValid && until < start.setZone(REGION_ZONE).startOf('day')) field.report('The last day is before the start', 'plannerRepeatUntil', field)
})

/** An order the user may see (invisible and foreign ids look the same: not found). */
const visibleOrder = vine.createRule(async (value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'number') return
  const user = field.meta.user as User
  const found = await visibleTo(Order.query(), user).where('orders.id', value).select('orders.id').first()
  if (!found) field.report('The selected {{ field }} does not exist', 'exists', field)
})

const programmeEventExists = vine.createRule(async (value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'number') return
  if (!(await tenantDb().from('programme_events').where('id', value).first())) {
    field.report('The selected {{ field }} does not exist', 'exists', field)
  }
})

const itemFields = {
  kind: vine.enum(PLANNER_KINDS),
  title: vine.string().trim().minLength(1).maxLength(500),
  notes: vine.string().trim().maxLength(5000).optional(),
  allDay: vine.boolean().optional(),
  startsAt: vine.string().trim().use(validMoment()),
  endsAt: vine.string().trim().use(validMoment()).use(endAfterStart()).optional(),
  location: vine.string().trim().maxLength(500).optional(),
  rrule: vine.string().trim().maxLength(500).use(validRule()).optional().requiredWhen('repeat', '=', 'custom'),
  // the repeat picker of the web form; when `repeat` is given it makes the RRULE (see repeat_picker.ts)
  repeat: vine.enum(REPEAT_FREQUENCIES).optional(),
  repeatInterval: vine.number().withoutDecimals().min(1).max(99).optional(),
  repeatDays: vine.array(vine.enum(REPEAT_WEEKDAYS)).maxLength(7).optional(),
  repeatMonthly: vine.enum(REPEAT_MONTHLY).optional(),
  repeatEnd: vine.enum(REPEAT_ENDS).optional(),
  repeatUntil: vine.date({ formats: ['YYYY-MM-DD'] }).use(untilAfterStart()).optional().requiredWhen('repeatEnd', '=', 'until'),
  repeatCount: vine.number().withoutDecimals().min(1).max(1000).optional().requiredWhen('repeatEnd', '=', 'count'),
  // a change of a series: which occurrences (default all) and the one it was made from
  scope: vine.enum(SERIES_SCOPES).optional(),
  occurrence: vine.string().trim().use(validMoment()).optional(),
  exdates: vine.array(vine.date({ formats: ['YYYY-MM-DD'] })).maxLength(200).optional(),
  reminders: vine.array(vine.number().withoutDecimals().min(0).max(MAX_REMINDER_MINUTES)).maxLength(5).distinct().optional(),
  orderId: vine.number().positive().withoutDecimals().use(visibleOrder()).optional(),
  programmeEventId: vine.number().positive().withoutDecimals().use(programmeEventExists()).optional(),
}

/** A planner item, from the web form or the API (the same fields). */
export const plannerItemValidator = vine.create(itemFields)

/**
 * Drag and drop: the new start of the dragged occurrence, and its old start
 * (a series moves by the same amount; without it the item's start moves).
 */
export const moveValidator = vine.create({
  startsAt: vine.string().trim().use(validMoment()),
  from: vine.string().trim().use(validMoment()).optional(),
  scope: vine.enum(SERIES_SCOPES).optional(),
})

/** Deleting: the whole item, or one occurrence of a series and maybe the ones after it. */
export const deleteValidator = vine.create({
  scope: vine.enum(SERIES_SCOPES).optional(),
  occurrence: vine.string().trim().use(validMoment()).optional(),
})

/** A range of the calendar: a view and a day, or from/to for the API. */
export const rangeValidator = vine.create({
  view: vine.enum(['day', 'week', 'month', 'agenda']).optional(),
  date: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  from: vine.string().trim().use(validMoment()).optional(),
  to: vine.string().trim().use(validMoment()).optional(),
})

export type PlannerItemInput = Awaited<ReturnType<typeof plannerItemValidator.validate>>
