import type { HttpContext } from '@adonisjs/core/http'
import type User from '#modules/identity/models/user'
import { PlannerMessages } from '#modules/planner/validators/planner_messages'
import { moveValidator, plannerItemValidator } from '#modules/planner/validators/planner_validators'

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
