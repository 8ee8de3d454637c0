import type { HttpContext } from '@adonisjs/core/http'
import { REGION_ZONE } from '#core/region_time'
import { DateTime } from 'luxon'
import PlannerPolicy from '#modules/planner/policies/planner_policy'
import { plannerEntries } from '#modules/planner/builders/planner_range'
import { delegatedItems } from '#modules/planner/builders/delegated_items'
import { groupByDay, PLANNER_VIEWS, timeGrid, viewRange } from '#modules/planner/services/calendar_range'
import { rangeValidator } from '#modules/planner/validators/planner_validators'
import { PlannerMessages } from '#modules/planner/validators/planner_messages'

/** The heading of a period: a day, a week's first and last day, a month. */
function periodLabel(view: string, anchor: DateTime, first: DateTime, last: DateTime) {
  if (view === 'day') return anchor.toFormat('cccc, d MMMM yyyy')
  if (view === 'month') return anchor.toFormat('LLLL yyyy')
  return `${first.toFormat('d MMMM')} – ${last.toFormat('d MMMM yyyy')}`
}

/**
 * The planner's views: day, week, month and agenda of the signed-in user,
 * and the read-only delegated-task control of a head.
 */
export default class PlannerController {
  async index({ request, view, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with(PlannerPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const filters = await rangeValidator.validate(request.qs(), { messagesProvider: new PlannerMessages(i18n) })
    const current = filters.view ?? 'week'
    const day = filters.date
      ? DateTime.fromObject({ year: filters.date.getFullYear(), month: filters.date.getMonth() + 1, day: filters.date.getDate() }, { zone: REGION_ZONE })
      : DateTime.now().setZone(REGION_ZONE)
    const range = viewRange(current, day)
    const entries = await plannerEntries(user.id, range.from, range.to)
    const days = groupByDay(entries, range.from, range.to)
    const anchor = day.startOf('day').setLocale(i18n.locale)
    return view.render('pages/planner/index', {
      view: current,
      views: PLANNER_VIEWS,
      anchor,
      range,
      periodLabel: periodLabel(current, anchor, range.from.setLocale(i18n.locale), range.to.minus({ days: 1 }).setLocale(i18n.locale)),
      days: current === 'agenda' ? days.filter((entry) => entry.entries.length) : days,
      grid: current === 'week' || current === 'day' ? timeGrid(days) : null,
      weeks: Array.from({ length: Math.ceil(days.length / 7) }, (_, week) => days.slice(week * 7, week * 7 + 7)),
      conflicts: entries.filter((entry) => entry.conflict).length,
      today: DateTime.now().setZone(REGION_ZONE).toISODate(),
    })
  }

  async delegated({ view, auth, bouncer }: HttpContext) {
    await bouncer.with(PlannerPolicy).authorize('viewDelegated')
    const items = await delegatedItems(auth.getUserOrFail().id)
    return view.render('pages/planner/delegated', { items, zone: REGION_ZONE })
  }
}
