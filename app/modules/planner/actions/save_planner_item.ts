import type { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import PlannerItem from '#modules/planner/models/planner_item'
import { normalizeRule, seriesEnd } from '#modules/planner/services/recurrence'
import { parseMoment, type PlannerItemInput } from '#modules/planner/validators/planner_validators'

/** Default length of an event created without an end. */
const DEFAULT_EVENT_HOURS = 1

/**
 * Creates or updates a user's planner item from validated input: reads the
 * moments in the Moscow clock, normalizes the RRULE and stores when the
 * series ends. Reminders need no bookkeeping: the reminder job keys each
 * one by the occurrence's start, so a moved item never fires the old one.
 */
export class SavePlannerItem {
  async handle(input: PlannerItemInput, user: User, item: PlannerItem = new PlannerItem()) {
    const allDay = input.allDay === true
    const startsAt = parseMoment(input.startsAt, allDay)
    let endsAt: DateTime | null = null
    if (input.kind === 'event') {
      if (input.endsAt) endsAt = allDay ? parseMoment(input.endsAt, true).plus({ days: 1 }) : parseMoment(input.endsAt)
      else endsAt = allDay ? startsAt.plus({ days: 1 }) : startsAt.plus({ hours: DEFAULT_EVENT_HOURS })
    }
    const rrule = input.rrule ? normalizeRule(input.rrule, allDay) : null
    const exdates = rrule ? [...new Set((input.exdates ?? []).map((day) => parseMoment(dayString(day), true).toISODate()!))].sort() : []
    item.merge({
      userId: item.userId ?? user.id,
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
    })
    item.seriesEndsAt = seriesEnd(item)
    await item.save()
    return item
  }
}

/** A validated date (VineJS gives a Date at local midnight) as YYYY-MM-DD. */
function dayString(day: Date) {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
}
