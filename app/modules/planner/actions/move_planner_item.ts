import type PlannerItem from '#modules/planner/models/planner_item'
import { alignStart } from '#modules/planner/services/recurrence'
import { parseMoment } from '#modules/planner/validators/planner_validators'
import { ChangePlannerSeries } from '#modules/planner/actions/change_planner_series'

/**
 * Moves an item (drag and drop, or the move form without JavaScript)
 * keeping its length: the occurrence that started at `fromInput` (by
 * default the first) now starts at `startsAtInput`, and a series moves as a
 * whole, its weekdays and cancelled dates with it. All-day items keep to
 * whole days. Moving only one occurrence or the following ones is
 * ChangePlannerSeries' work.
 */
export class MovePlannerItem {
  async handle(item: PlannerItem, startsAtInput: string, fromInput?: string) {
    const target = parseMoment(startsAtInput, item.allDay)
    const from = fromInput ? parseMoment(fromInput, item.allDay) : alignStart(item).startsAt
    return new ChangePlannerSeries().move(item, from, target, 'all')
  }
}
