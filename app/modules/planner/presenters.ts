import type PlannerItem from '#modules/planner/models/planner_item'
import { REGION_ZONE } from '#core/region_time'
import type { PlannerEntry } from '#modules/planner/builders/planner_range'

/** The JSON shape of a planner item in the REST API (times in the Moscow offset). */
export function presentItem(item: PlannerItem) {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    notes: item.notes,
    allDay: item.allDay,
    startsAt: item.startsAt.setZone(REGION_ZONE).toISO(),
    endsAt: item.endsAt?.setZone(REGION_ZONE).toISO() ?? null,
    location: item.location,
    rrule: item.rrule,
    exdates: item.exdates,
    reminders: item.reminders,
    orderId: item.orderId,
    programmeEventId: item.programmeEventId,
    createdAt: item.createdAt.toISO(),
    updatedAt: item.updatedAt.toISO(),
  }
}

/** One occurrence (or order deadline) of a range in the REST API. */
export function presentEntry(entry: PlannerEntry) {
  return {
    source: entry.source,
    itemId: entry.itemId,
    kind: entry.kind,
    title: entry.title,
    start: entry.allDay ? entry.start.toISODate() : entry.start.toISO(),
    end: entry.allDay ? entry.end.toISODate() : entry.end.toISO(),
    allDay: entry.allDay,
    location: entry.location,
    recurring: entry.recurring,
    orderId: entry.orderId,
    orderNumber: entry.orderNumber,
    conflict: entry.conflict,
  }
}
