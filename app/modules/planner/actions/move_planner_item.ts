import PlannerItem from '#modules/planner/models/planner_item'
import { REGION_ZONE } from '#core/region_time'
import { DateTime } from 'luxon'
import { seriesEnd } from '#modules/planner/services/recurrence'
import { parseMoment } from '#modules/planner/validators/planner_validators'

/**
 * Moves an item (drag and drop) keeping its length: to a new start, or, when
 * the dragged occurrence's old start is given, by the same shift (a series
 * moves as a whole). All-day items keep to whole days.
 */
export class MovePlannerItem {
  async handle(item: PlannerItem, startsAtInput: string, fromInput?: string) {
    const target = parseMoment(startsAtInput, item.allDay)
    const startsAt = fromInput ? item.startsAt.plus(target.diff(parseMoment(fromInput, item.allDay))) : target
    const length = item.endsAt ? item.endsAt.diff(item.startsAt) : null
    // cancelled dates travel with their occurrences
    const shift = startsAt.diff(item.startsAt)
    const time = item.startsAt.setZone(REGION_ZONE).toFormat('HH:mm:ss')
    item.exdates = item.exdates.map((day) => DateTime.fromISO(`${day}T${time}`, { zone: REGION_ZONE }).plus(shift).toISODate()!)
    item.startsAt = startsAt
    item.endsAt = length ? startsAt.plus(length) : null
    item.seriesEndsAt = seriesEnd(item)
    await item.save()
    return item
  }
}
