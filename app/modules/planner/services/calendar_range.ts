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
