import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#modules/identity/models/user'
import type PlannerItem from '#modules/planner/models/planner_item'
import { PlannerMessages } from '#modules/planner/validators/planner_messages'
import { deleteValidator, moveValidator, parseMoment, plannerItemValidator } from '#modules/planner/validators/planner_validators'
import { ChangePlannerSeries, NotAnOccurrence } from '#modules/planner/actions/change_planner_series'
import { SavePlannerItem, itemAttributes } from '#modules/planner/actions/save_planner_item'
import { MovePlannerItem } from '#modules/planner/actions/move_planner_item'

/**
 * The body of a planner form or API call, validated with the planner's
 * messages in the reader's language. A web form sends cancelled dates as
 * one text ("2026-12-01, 2026-12-08"); the API sends a list.
 */
export function validatePlannerItem(ctx: HttpContext, user: User) {
  const data = ctx.request.all()
  if (typeof data.exdates === 'string') data.exdates = data.exdates.split(/[\s,;]+/).filter(Boolean)
  if (data.exdates === null) delete data.exdates
  return plannerItemValidator.validate(data, { messagesProvider: new PlannerMessages(ctx.i18n), meta: { user } })
}

export function validateMove(ctx: HttpContext) {
  return moveValidator.validate(ctx.request.all(), { messagesProvider: new PlannerMessages(ctx.i18n) })
}

/** 422 on `field` (a form goes back with the message under it, the API answers with it). */
function notAnOccurrence(ctx: HttpContext, field: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, rule: 'plannerOccurrence', message: ctx.i18n.t('planner.validation.messages.plannerOccurrence') }])
}

/**
 * An item's update from a form or the API: with `occurrence` (the start of
 * the occurrence the change was made on) and `scope`, one occurrence, it and
 * the following ones, or the whole series; without them, the item as sent.
 * Returns the item that now holds the occurrence.
 */
export async function updateItem(ctx: HttpContext, user: User, item: PlannerItem) {
  const input = await validatePlannerItem(ctx, user)
  if (!input.occurrence || !item.rrule) return new SavePlannerItem().handle(input, user, item)
  try {
    return await new ChangePlannerSeries().update(item, itemAttributes(input, user, item), parseMoment(input.occurrence, item.allDay), input.scope ?? 'all')
  } catch (error) {
    if (error instanceof NotAnOccurrence) throw notAnOccurrence(ctx, 'occurrence')
    throw error
  }
}

/** Drag and drop: the dragged occurrence's old start (`from`) and new start, with a scope for a series. */
export async function moveItem(ctx: HttpContext, item: PlannerItem) {
  const { startsAt, from, scope } = await validateMove(ctx)
  try {
    if (!from) return await new MovePlannerItem().handle(item, startsAt)
    return await new ChangePlannerSeries().move(item, parseMoment(from, item.allDay), parseMoment(startsAt, item.allDay), scope ?? 'all')
  } catch (error) {
    if (error instanceof NotAnOccurrence) throw notAnOccurrence(ctx, 'from')
    throw error
  }
}

/** Deleting an item, or (`occurrence` and `scope`) part of a series. */
export async function deleteItem(ctx: HttpContext, item: PlannerItem) {
  const data = { ...ctx.request.qs(), ...ctx.request.body() }
  const { scope, occurrence } = await deleteValidator.validate(data, { messagesProvider: new PlannerMessages(ctx.i18n) })
  try {
    return await new ChangePlannerSeries().delete(item, occurrence ? parseMoment(occurrence, item.allDay) : null, scope ?? 'all')
  } catch (error) {
    if (error instanceof NotAnOccurrence) throw notAnOccurrence(ctx, 'occurrence')
    throw error
  }
}
