import type { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import PlannerItem from '#modules/planner/models/planner_item'
import { alignStart, normalizeRule, seriesEnd } from '#modules/planner/services/recurrence'
import { ruleFromPicker } from '#modules/planner/services/repeat_picker'
import { parseMoment, type PlannerItemInput } from '#modules/planner/validators/planner_validators'

/** Default length of an event created without an end. */
const DEFAULT_EVENT_HOURS = 1

/** The stored fields an input describes (moments in the Moscow clock, the RRULE normalized). */
export function itemAttributes(input: PlannerItemInput, user: User, item?: PlannerItem) {
  const allDay = input.allDay === true
  const startsAt = parseMoment(input.startsAt, allDay)
  let endsAt: DateTime | null = null
  if (input.kind === 'event') {
    if (input.endsAt) endsAt = allDay ? parseMoment(input.endsAt, true).plus({ days: 1 }) : parseMoment(input.endsAt)
    else endsAt = allDay ? startsAt.plus({ days: 1 }) : startsAt.plus({ hours: DEFAULT_EVENT_HOURS })
  }
  // the web form's repeat picker makes the rule; API clients send the RRULE itself
  const picked = input.repeat === undefined ? undefined : ruleFromPicker(input, startsAt)
  const text = picked === undefined ? input.rrule : picked
  const rrule = text ? normalizeRule(text, allDay) : null
  const exdates = rrule ? [...new Set((input.exdates ?? []).map((day) => parseMoment(dayString(day), true).toISODate()!))].sort() : []
  return {
    userId: item?.userId ?? user.id,
    kind: input.kind,
    title: input.title,
    notes: input.notes ?? null,
    allDay,
    startsAt,
    endsAt,
    location: input.location ?? null,
    rrule,
    exdates,
    reminders: [...(input.reminders ?? [])].sort((a, b) => a - b),
    orderId: input.orderId ?? null,
    programmeEventId: input.programmeEventId ?? null,
  }
}

export type ItemAttributes = ReturnType<typeof itemAttributes>

/** Stores attributes on an item, its series starting on its own first occurrence. */
export async function storeItem(
  item: PlannerItem,
  attributes: Partial<Omit<ItemAttributes, 'startsAt' | 'endsAt'>> & { startsAt?: DateTime; endsAt?: DateTime | null },
  options: { client?: any } = {}) {
  item.merge(attributes as Partial<ItemAttributes>)
  const aligned = alignStart(item)
  item.startsAt = aligned.startsAt
  item.endsAt = aligned.endsAt
  item.seriesEndsAt = seriesEnd(item)
  if (options.client) item.useTransaction(options.client)
  await item.save()
  return item
}

/**
 * Creates or updates a user's planner item from validated input: reads the
 * moments in the Moscow clock, normalizes the RRULE (or builds it from the
 * repeat picker) and stores when the series ends. Reminders need no
 * bookkeeping: the reminder job keys each one by the occurrence's start, so
 * a moved item never fires the old one. Changing one occurrence of a series
 * is ChangePlannerSeries' work.
 */
export class SavePlannerItem {
  async handle(input: PlannerItemInput, user: User, item: PlannerItem = new PlannerItem()) {
    return storeItem(item, itemAttributes(input, user, item))
  }
}

/** A validated date (VineJS gives a Date at local midnight) as YYYY-MM-DD. */
export function dayString(day: Date) {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
}
