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
import { MovePlannerItem } from '#modules/planner/actions/move_planner_item'
import { presentItem } from '#modules/planner/presenters'
import { validateMove, validatePlannerItem } from '#modules/planner/controllers/planner_input'

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

/** Form values of an item: moments as the Moscow wall clock for datetime-local inputs. */
function formValues(item: PlannerItem) {
  const local = (moment: DateTime | null) => (moment ? moment.setZone(REGION_ZONE).toFormat("yyyy-LL-dd'T'HH:mm") : '')
  const lastDay = item.allDay && item.endsAt ? item.endsAt.setZone(REGION_ZONE).minus({ days: 1 }) : item.endsAt
  return {
    kind: item.kind,
    title: item.title,
    notes: item.notes ?? '',
    allDay: item.allDay,
    startsAt: local(item.startsAt),
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
      values: { kind: 'event', startsAt: `${day}T09:00`, endsAt: `${day}T10:00`, reminders: [], orderId: orderId ?? '' },
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

  async edit({ params, view, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const item = await findOwnItem(user, params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    return view.render('pages/planner/form', {
      item,
      values: formValues(item),
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
    const input = await validatePlannerItem(ctx, user)
    await new SavePlannerItem().handle(input, user, item)
    session.flash('notice', i18n.t('planner.flash.updated'))
    return response.redirect(`/planner?view=week&date=${item.startsAt.setZone(REGION_ZONE).toISODate()}`)
  }

  /** Drag and drop (or any client) moves an item to a new start. */
  async move(ctx: HttpContext) {
    const { params, auth, bouncer, request, response, session, i18n } = ctx
    const item = await findOwnItem(auth.getUserOrFail(), params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    const { startsAt, from } = await validateMove(ctx)
    await new MovePlannerItem().handle(item, startsAt, from)
    if (request.accepts(['html', 'json']) === 'json') {
      return { data: presentItem(item) }
    }
    session.flash('notice', i18n.t('planner.flash.moved'))
    return response.redirect(`/planner?view=week&date=${item.startsAt.setZone(REGION_ZONE).toISODate()}`)
  }

  async destroy({ params, auth, bouncer, response, session, i18n }: HttpContext) {
    const item = await findOwnItem(auth.getUserOrFail(), params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    const day = item.startsAt.setZone(REGION_ZONE).toISODate()
    await item.delete()
    session.flash('notice', i18n.t('planner.flash.deleted'))
    return response.redirect(`/planner?view=week&date=${day}`)
  }
}
