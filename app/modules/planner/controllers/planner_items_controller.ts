import type { HttpContext } from '@adonisjs/core/http'
import { REGION_ZONE } from '#core/region_time'
import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'
import PlannerItem, { PLANNER_KINDS } from '#modules/planner/models/planner_item'
import PlannerPolicy from '#modules/planner/policies/planner_policy'
import { SavePlannerItem } from '#modules/planner/actions/save_planner_item'
import { presentItem } from '#modules/planner/presenters'
import { deleteItem, moveItem, updateItem, validatePlannerItem } from '#modules/planner/controllers/planner_input'
import { isOccurrence, nthWeekdayOf } from '#modules/planner/services/recurrence'
import { pickerFromRule, REPEAT_WEEKDAYS } from '#modules/planner/services/repeat_picker'
import { parseMoment } from '#modules/planner/validators/planner_validators'
import { wantsJson } from '#core/wants_json'

/** Reminder choices of the form, in minutes before the start. */
export const REMINDER_CHOICES = [0, 10, 30, 60, 1440]

/** The user's own item, or 404 (someone else's and another tenant's ids alike). */
export async function findOwnItem(user: User, id: number) {
  return PlannerItem.query().where('id', id).where('user_id', user.id).firstOrFail()
}

/** Orders and programme events an item may be linked to. */
async function linkOptions(user: User, linkedOrderId: number | null) {
  const [orders, events] = await Promise.all([
    visibleTo(Order.query(), user)
      .where((open) => {
        open.whereIn('orders.status', OPEN_STATUSES)
        if (linkedOrderId) open.orWhere('orders.id', linkedOrderId)
      })
      .select('orders.id', 'orders.number', 'orders.text')
      .orderBy('orders.deadline')
      .limit(100),
    ProgrammeEvent.query().whereNull('completed_on').select('id', 'title').orderBy('planned_end').limit(100),
  ])
  return {
    orders: orders.map((order) => ({ value: order.id, label: `${order.number} — ${order.text.slice(0, 80)}` })),
    programmeEvents: events.map((event) => ({ value: event.id, label: event.title.slice(0, 100) })),
  }
}

/** The two monthly choices of the repeat picker for a start: "on the 17th" and "on the second Tuesday". */
function monthlyOf(startsAt: string) {
  const start = DateTime.fromISO(startsAt, { zone: REGION_ZONE })
  const nth = nthWeekdayOf(start, Math.ceil(start.day / 7) === 5)
  return { day: start.day, ordinal: nth.slice(0, -2), weekday: nth.slice(-2) }
}

/** The picker's choices for a new item starting on `day`. */
function newRepeat(day: string) {
  return pickerFromRule(null, DateTime.fromISO(day, { zone: REGION_ZONE }), false)
}

/**
 * Form values of an item: moments as the Moscow wall clock for
 * datetime-local inputs; opened on one occurrence of a series, that
 * occurrence's times.
 */
function formValues(item: PlannerItem, occurrence: DateTime | null) {
  const local = (moment: DateTime | null) => (moment ? moment.setZone(REGION_ZONE).toFormat("yyyy-LL-dd'T'HH:mm") : '')
  const startsAt = occurrence ?? item.startsAt
  const endsAt = item.endsAt ? startsAt.plus(item.endsAt.diff(item.startsAt)) : null
  const lastDay = item.allDay && endsAt ? endsAt.setZone(REGION_ZONE).minus({ days: 1 }) : endsAt
  return {
    ...pickerFromRule(item.rrule, startsAt, item.allDay),
    kind: item.kind,
    title: item.title,
    notes: item.notes ?? '',
    allDay: item.allDay,
    startsAt: local(startsAt),
    endsAt: item.kind === 'event' ? local(lastDay) : '',
    location: item.location ?? '',
    rrule: item.rrule ?? '',
    exdates: item.exdates.join(', '),
    reminders: item.reminders,
    orderId: item.orderId ?? '',
    programmeEventId: item.programmeEventId ?? '',
  }
}

/**
 * Creating, editing, moving and deleting one's own planner items on the web.
 * Every change works as a plain form; dragging in the week view only posts
 * the new start to `move`.
 */
export default class PlannerItemsController {
  async create({ request, view, auth, bouncer }: HttpContext) {
    await bouncer.with(PlannerPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const day = /^\d{4}-\d{2}-\d{2}$/.test(String(request.input('date'))) ? String(request.input('date')) : DateTime.now().setZone(REGION_ZONE).toISODate()
    const orderId = Number(request.input('orderId')) || null
    return view.render('pages/planner/form', {
      item: null,
      values: { ...newRepeat(day!), kind: 'event', startsAt: `${day}T09:00`, endsAt: `${day}T10:00`, reminders: [], orderId: orderId ?? '' },
      occurrence: null,
      weekdays: REPEAT_WEEKDAYS,
      monthly: monthlyOf(`${day}T09:00`),
      kinds: PLANNER_KINDS,
      reminderChoices: REMINDER_CHOICES,
      ...(await linkOptions(user, orderId)),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, response, session, i18n } = ctx
    await bouncer.with(PlannerPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const input = await validatePlannerItem(ctx, user)
    const item = await new SavePlannerItem().handle(input, user)
    session.flash('notice', i18n.t('planner.flash.created'))
    return response.redirect(`/planner?view=week&date=${item.startsAt.setZone(REGION_ZONE).toISODate()}`)
  }

  async edit({ params, request, view, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const item = await findOwnItem(user, params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    // opened from one occurrence of a series: the form edits it, and asks which occurrences the change is for
    const asked = String(request.input('occurrence') ?? '')
    const moment = asked && item.rrule ? parseMoment(asked, item.allDay) : null
    const occurrence = moment?.isValid && isOccurrence(item, moment) ? moment : null
    const values = formValues(item, occurrence)
    return view.render('pages/planner/form', {
      item,
      values,
      monthly: monthlyOf(values.startsAt),
      occurrence: occurrence?.setZone(REGION_ZONE).toISO() ?? null,
      weekdays: REPEAT_WEEKDAYS,
      kinds: PLANNER_KINDS,
      reminderChoices: REMINDER_CHOICES,
      ...(await linkOptions(user, item.orderId)),
    })
  }

  async update(ctx: HttpContext) {
    const { params, auth, bouncer, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const item = await findOwnItem(user, params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    const changed = await updateItem(ctx, user, item)
    session.flash('notice', i18n.t('planner.flash.updated'))
    return response.redirect(`/planner?view=week&date=${changed.startsAt.setZone(REGION_ZONE).toISODate()}`)
  }

  /** Drag and drop (or any client) moves an item to a new start. */
  async move(ctx: HttpContext) {
    const { params, auth, bouncer, request, response, session, i18n } = ctx
    const item = await findOwnItem(auth.getUserOrFail(), params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    const moved = await moveItem(ctx, item)
    if (wantsJson(request)) {
      return { data: presentItem(moved) }
    }
    session.flash('notice', i18n.t('planner.flash.moved'))
    return response.redirect(`/planner?view=week&date=${moved.startsAt.setZone(REGION_ZONE).toISODate()}`)
  }

  async destroy(ctx: HttpContext) {
    const { params, auth, bouncer, response, session, i18n } = ctx
    const item = await findOwnItem(auth.getUserOrFail(), params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    const occurrence = ctx.request.input('occurrence')
    const day = (typeof occurrence === 'string' ? occurrence.slice(0, 10) : null) ?? item.startsAt.setZone(REGION_ZONE).toISODate()
    await deleteItem(ctx, item)
    session.flash('notice', i18n.t('planner.flash.deleted'))
    return response.redirect(`/planner?view=week&date=${day}`)
  }
}
