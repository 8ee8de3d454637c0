import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import PlannerItem from '#modules/planner/models/planner_item'
import { occurrences } from '#modules/planner/services/recurrence'
import { orderDeadlinesFor } from '#modules/planner/services/order_deadlines'
import { MAX_ITEM_DAYS } from '#modules/planner/validators/planner_validators'

/** One line of the planner: an occurrence of an item, or an order deadline. */
export interface PlannerEntry {
  source: 'item' | 'order_deadline'
  itemId: number | null
  kind: 'event' | 'task' | 'deadline'
  title: string
  start: DateTime
  end: DateTime
  allDay: boolean
  location: string | null
  recurring: boolean
  orderId: number | null
  orderNumber: string | null
  /** A timed event that overlaps another timed event of the same person. */
  conflict: boolean
}

/**
 * The items of a user that can overlap [from, to): single items by their
 * start (their length is capped), series by start and series end. Both
 * halves read a partial index of their own.
 */
export function itemsOverlapping(userId: number, from: DateTime, to: DateTime) {
  return PlannerItem.query()
    .where('user_id', userId)
    .where((range) => {
      range
        .where((single) =>
          single
            .whereNull('rrule')
            .where('starts_at', '>=', from.minus({ days: MAX_ITEM_DAYS }).toISO()!)
            .where('starts_at', '<', to.toISO()!)
            // the index bounds the scan; this drops what ended before the range
            .where('series_ends_at', '>=', from.toISO()!)
        )
        .orWhere((series) => series.whereNotNull('rrule').where('series_ends_at', '>=', from.toISO()!).where('starts_at', '<', to.toISO()!))
    })
}

/** Flags timed events that overlap one another (a sweep over the sorted list). */
export function flagConflicts(entries: PlannerEntry[]) {
  const timed = entries.filter((entry) => entry.kind === 'event' && !entry.allDay).sort((a, b) => +a.start - +b.start)
  let latest: PlannerEntry | null = null
  for (const entry of timed) {
    if (latest && entry.start < latest.end) {
      entry.conflict = true
      latest.conflict = true
    }
    if (!latest || entry.end > latest.end) latest = entry
  }
  return entries
}

/**
 * Everything a user's planner shows in [from, to): their own items expanded
 * into occurrences, plus the deadlines of the open orders they execute, in
 * time order with conflicts flagged.
 */
export async function plannerEntries(userId: number, from: DateTime, to: DateTime): Promise<PlannerEntry[]> {
  const [items, deadlines] = await Promise.all([
    itemsOverlapping(userId, from, to).preload('order', (order) => order.select('id', 'number')),
    orderDeadlinesFor(userId, from.setZone(REGION_ZONE).toISODate(), to.setZone(REGION_ZONE).minus({ milliseconds: 1 }).toISODate()),
  ])
  const entries: PlannerEntry[] = []
  for (const item of items) {
    for (const occurrence of occurrences(item, from, to)) {
      entries.push({
        source: 'item',
        itemId: item.id,
        kind: item.kind,
        title: item.title,
        start: occurrence.start.setZone(REGION_ZONE),
        end: occurrence.end.setZone(REGION_ZONE),
        allDay: item.allDay,
        location: item.location,
        recurring: !!item.rrule,
        orderId: item.orderId,
        orderNumber: item.order?.number ?? null,
        conflict: false,
      })
    }
  }
  for (const deadline of deadlines) {
    const day = DateTime.fromISO(deadline.deadline, { zone: REGION_ZONE })
    entries.push({
      source: 'order_deadline',
      itemId: null,
      kind: 'deadline',
      title: deadline.text,
      start: day,
      end: day.plus({ days: 1 }),
      allDay: true,
      location: null,
      recurring: false,
      orderId: deadline.orderId,
      orderNumber: deadline.number,
      conflict: false,
    })
  }
  entries.sort((a, b) => +a.start - +b.start || Number(b.allDay) - Number(a.allDay) || a.title.localeCompare(b.title))
  return flagConflicts(entries)
}
