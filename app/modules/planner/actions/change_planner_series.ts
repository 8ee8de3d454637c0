import type { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import PlannerItem from '#modules/planner/models/planner_item'
import { storeItem, type ItemAttributes } from '#modules/planner/actions/save_planner_item'
import {
  isOccurrence,
  sameRule,
  shiftSeries,
  splitSeries,
  withoutOccurrence,
  type Series,
  type SeriesScope,
} from '#modules/planner/services/recurrence'

export class NotAnOccurrence extends Error {}

function seriesOf(item: PlannerItem): Series {
  return { startsAt: item.startsAt, endsAt: item.endsAt, allDay: item.allDay, rrule: item.rrule, exdates: item.exdates }
}

/** A new item with everything of `item` but its times (a split-off series or an exception). */
function copyOf(item: PlannerItem) {
  const copy = new PlannerItem()
  copy.merge({
    userId: item.userId,
    kind: item.kind,
    title: item.title,
    notes: item.notes,
    allDay: item.allDay,
    location: item.location,
    reminders: item.reminders,
    orderId: item.orderId,
    programmeEventId: item.programmeEventId,
  })
  return copy
}

function timing(series: Series) {
  return { startsAt: series.startsAt, endsAt: series.endsAt, rrule: series.rrule, exdates: series.exdates }
}

/**
 * Changes of one occurrence of a series, as a calendar asks: "only this
 * one" cancels the occurrence on the series (an exception date) and makes
 * a standalone item of it; "this and following" ends the series just
 * before the occurrence and starts a new one there; "the whole series"
 * changes the series, its weekdays shifting with a moved start. An item
 * that does not repeat is changed as it is, whatever the scope.
 *
 * Each method returns the item that now holds the occurrence.
 */
export class ChangePlannerSeries {
  /** The occurrence must be one of the series' own (not cancelled). */
  #check(item: PlannerItem, occurrence: DateTime) {
    if (!isOccurrence(seriesOf(item), occurrence)) throw new NotAnOccurrence()
  }

  /** Drag and drop: the occurrence starting at `occurrence` now starts at `newStart`. */
  async move(item: PlannerItem, occurrence: DateTime, newStart: DateTime, scope: SeriesScope) {
    if (!item.rrule) return storeItem(item, timing(shiftSeries(seriesOf(item), occurrence, newStart)))
    this.#check(item, occurrence)
    if (scope === 'all') return storeItem(item, timing(shiftSeries(seriesOf(item), occurrence, newStart)))
    return tenantDb().transaction(async (client) => {
      if (scope === 'this') {
        await storeItem(item, timing(withoutOccurrence(seriesOf(item), occurrence)), { client })
        const length = item.endsAt ? item.endsAt.diff(item.startsAt) : null
        return storeItem(copyOf(item), { startsAt: newStart, endsAt: length ? newStart.plus(length) : null, rrule: null, exdates: [] }, { client })
      }
      const { before, after } = splitSeries(seriesOf(item), occurrence)
      const moved = timing(shiftSeries(after, occurrence, newStart))
      if (!before) return storeItem(item, moved, { client })
      await storeItem(item, timing(before), { client })
      return storeItem(copyOf(item), moved, { client })
    })
  }

  /**
   * The edit form opened on an occurrence: `attributes` describe that
   * occurrence as edited. For the whole series a new date or time shifts
   * every occurrence by as much; an unchanged rule turns its weekdays with
   * them, a rule the user changed counts as written.
   */
  async update(item: PlannerItem, attributes: ItemAttributes, occurrence: DateTime, scope: SeriesScope) {
    const length = attributes.endsAt ? attributes.endsAt.diff(attributes.startsAt) : null
    const end = (start: DateTime) => (length ? start.plus(length) : null)
    if (!item.rrule) return storeItem(item, attributes)
    this.#check(item, occurrence)
    const ruleKept = sameRule(attributes.rrule, item.rrule) && attributes.allDay === item.allDay
    if (scope === 'all') {
      const shifted = shiftSeries(seriesOf(item), occurrence, attributes.startsAt)
      if (ruleKept) return storeItem(item, { ...attributes, ...timing(shifted), endsAt: end(shifted.startsAt) })
      return storeItem(item, { ...attributes, startsAt: shifted.startsAt, endsAt: end(shifted.startsAt) })
    }
    return tenantDb().transaction(async (client) => {
      if (scope === 'this') {
        await storeItem(item, timing(withoutOccurrence(seriesOf(item), occurrence)), { client })
        return storeItem(copyOf(item), { ...attributes, rrule: null, exdates: [] }, { client })
      }
      const { before, after } = splitSeries(seriesOf(item), occurrence)
      const rest = ruleKept
        ? { ...attributes, ...timing(shiftSeries(after, occurrence, attributes.startsAt)), endsAt: end(attributes.startsAt) }
        : { ...attributes, exdates: attributes.exdates.filter((day) => day >= attributes.startsAt.toISODate()!) }
      if (!before) return storeItem(item, rest, { client })
      await storeItem(item, timing(before), { client })
      return storeItem(copyOf(item), rest, { client })
    })
  }

  /** Deletes one occurrence (an exception date), it and the later ones (the series ends before it), or all. */
  async delete(item: PlannerItem, occurrence: DateTime | null, scope: SeriesScope) {
    if (!item.rrule || !occurrence || scope === 'all') {
      await item.delete()
      return null
    }
    this.#check(item, occurrence)
    if (scope === 'this') return storeItem(item, timing(withoutOccurrence(seriesOf(item), occurrence)))
    const { before } = splitSeries(seriesOf(item), occurrence)
    if (!before) {
      await item.delete()
      return null
    }
    return storeItem(item, timing(before))
  }
}
