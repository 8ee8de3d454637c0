import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import type { PlannerEntry } from '#modules/planner/builders/planner_range'

export const PLANNER_VIEWS = ['day', 'week', 'month', 'agenda'] as const
export type PlannerView = (typeof PLANNER_VIEWS)[number]

const AGENDA_DAYS = 30

/** The period a view shows around a day: [from, to) in the planner's zone, and the neighbours. */
export function viewRange(view: PlannerView, day: DateTime) {
  const anchor = day.setZone(REGION_ZONE).startOf('day')
  switch (view) {
    case 'day':
      return { from: anchor, to: anchor.plus({ days: 1 }), previous: anchor.minus({ days: 1 }), next: anchor.plus({ days: 1 }) }
    case 'week': {
      const from = anchor.startOf('week')
      return { from, to: from.plus({ weeks: 1 }), previous: from.minus({ weeks: 1 }), next: from.plus({ weeks: 1 }) }
    }
    case 'month': {
      const month = anchor.startOf('month')
      return {
        from: month.startOf('week'),
        to: month.endOf('month').endOf('week').plus({ milliseconds: 1 }),
        previous: month.minus({ months: 1 }),
        next: month.plus({ months: 1 }),
      }
    }
    case 'agenda':
      return { from: anchor, to: anchor.plus({ days: AGENDA_DAYS }), previous: anchor.minus({ days: AGENDA_DAYS }), next: anchor.plus({ days: AGENDA_DAYS }) }
  }
}

export interface PlannerDay {
  date: DateTime
  iso: string
  isToday: boolean
  entries: PlannerEntry[]
}

/** Splits entries into the days of [from, to); an entry spanning days shows on each. */
export function groupByDay(entries: PlannerEntry[], from: DateTime, to: DateTime): PlannerDay[] {
  const today = DateTime.now().setZone(REGION_ZONE).toISODate()
  const days: PlannerDay[] = []
  for (let date = from; date < to; date = date.plus({ days: 1 })) {
    const end = date.plus({ days: 1 })
    days.push({
      date,
      iso: date.toISODate()!,
      isToday: date.toISODate() === today,
      entries: entries.filter((entry) => entry.start < end && (entry.end > date || (+entry.end === +entry.start && entry.start >= date))),
    })
  }
  return days
}

/** One timed entry placed on a day of the time grid (minutes from the grid's first hour). */
export interface GridEntry {
  entry: PlannerEntry
  top: number
  height: number
  /** Side by side with overlapping entries: its column and how many share the width. */
  column: number
  columns: number
}

export interface GridDay {
  day: PlannerDay
  allDay: PlannerEntry[]
  timed: GridEntry[]
}

/** Shortest block drawn (a task is a moment; a 5-minute call still needs room for its title). */
const MIN_BLOCK_MINUTES = 30

/**
 * Lays a week or a day out on a time grid: hour rows from 08:00 to 20:00
 * at least (wider when entries need it), each timed entry placed by its
 * start and length within its day, overlapping entries side by side
 * (a cluster of overlaps splits the width into as many columns as it
 * needs at once), all-day entries and deadlines in a row on top.
 */
export function timeGrid(days: PlannerDay[]) {
  let startHour = 8
  let endHour = 20
  const placed = days.map((day) => {
    const dayStart = day.date.startOf('day')
    const dayEnd = dayStart.plus({ days: 1 })
    const allDay: PlannerEntry[] = []
    const blocks: { entry: PlannerEntry; start: number; end: number }[] = []
    for (const entry of day.entries) {
      if (entry.allDay) {
        allDay.push(entry)
        continue
      }
      const start = Math.max(0, entry.start.diff(dayStart, 'minutes').minutes)
      const end = Math.min(24 * 60, Math.max(start + MIN_BLOCK_MINUTES, (entry.end < dayEnd ? entry.end : dayEnd).diff(dayStart, 'minutes').minutes))
      blocks.push({ entry, start, end })
      startHour = Math.min(startHour, Math.floor(start / 60))
      endHour = Math.max(endHour, Math.ceil(end / 60))
    }
    return { day, allDay, blocks }
  })
  const grid: GridDay[] = placed.map(({ day, allDay, blocks }) => {
    blocks.sort((a, b) => a.start - b.start || b.end - a.end)
    const timed: GridEntry[] = []
    let cluster: GridEntry[] = []
    let columnEnds: number[] = []
    let clusterEnd = -1
    const close = () => {
      for (const placedEntry of cluster) placedEntry.columns = columnEnds.length
      cluster = []
      columnEnds = []
    }
    for (const block of blocks) {
      if (block.start >= clusterEnd) close()
      let column = columnEnds.findIndex((end) => end <= block.start)
      if (column === -1) column = columnEnds.push(block.end) - 1
      else columnEnds[column] = block.end
      const gridEntry = { entry: block.entry, top: block.start, height: block.end - block.start, column, columns: 1 }
      cluster.push(gridEntry)
      timed.push(gridEntry)
      clusterEnd = Math.max(clusterEnd, block.end)
    }
    close()
    return { day, allDay, timed }
  })
  for (const day of grid) for (const gridEntry of day.timed) gridEntry.top -= startHour * 60
  return {
    startHour,
    endHour,
    hours: Array.from({ length: endHour - startHour }, (_, index) => startHour + index),
    minutes: (endHour - startHour) * 60,
    days: grid,
  }
}
