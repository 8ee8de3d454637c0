import type { HttpContext } from '@adonisjs/core/http'
import { REGION_ZONE } from '#core/region_time'
import vine from '@vinejs/vine'
import PlannerPolicy from '#modules/planner/policies/planner_policy'
import { SavePlannerItem } from '#modules/planner/actions/save_planner_item'
import { plannerEntries } from '#modules/planner/builders/planner_range'
import { findOwnItem } from '#modules/planner/controllers/planner_items_controller'
import { deleteItem, updateItem, validatePlannerItem } from '#modules/planner/controllers/planner_input'
import { presentEntry, presentItem } from '#modules/planner/presenters'
import { PlannerMessages } from '#modules/planner/validators/planner_messages'
import { parseMoment } from '#modules/planner/validators/planner_validators'

/** Longest range one list call expands. */
const MAX_RANGE_DAYS = 92
const MOMENT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

const listValidator = vine.create({
  from: vine.string().trim().regex(MOMENT),
  to: vine.string().trim().regex(MOMENT),
})

/**
 * The planner over the REST API (bearer tokens): a range expanded into
 * occurrences with order deadlines, and the user's own items.
 */
export default class ApiPlannerItemsController {
  async index({ request, response, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with(PlannerPolicy).authorize('use')
    const query = await listValidator.validate(request.qs(), { messagesProvider: new PlannerMessages(i18n) })
    const from = parseMoment(query.from)
    const to = parseMoment(query.to)
    if (!from.isValid || !to.isValid || to <= from || to.diff(from, 'days').days > MAX_RANGE_DAYS) {
      return response.unprocessableEntity({ errors: [{ field: 'to', rule: 'plannerRange', message: i18n.t('planner.validation.messages.plannerRange', { max: MAX_RANGE_DAYS }) }] })
    }
    const entries = await plannerEntries(auth.getUserOrFail().id, from, to)
    return { data: entries.map(presentEntry), meta: { from: from.setZone(REGION_ZONE).toISO(), to: to.setZone(REGION_ZONE).toISO(), zone: REGION_ZONE } }
  }

  async show({ params, auth, bouncer }: HttpContext) {
    const item = await findOwnItem(auth.getUserOrFail(), params.id)
    await bouncer.with(PlannerPolicy).authorize('edit', item)
    return { data: presentItem(item) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PlannerPolicy).authorize('use')
    const user = ctx.auth.getUserOrFail()
    const item = await new SavePlannerItem().handle(await validatePlannerItem(ctx, user), user)
    return ctx.response.created({ data: presentItem(item) })
  }

  async update(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const item = await findOwnItem(user, ctx.params.id)
    await ctx.bouncer.with(PlannerPolicy).authorize('edit', item)
    const changed = await updateItem(ctx, user, item)
    // a change of one occurrence, or of it and the following ones, makes a new item: the series is told apart
    if (changed.id !== item.id) return { data: presentItem(changed), series: presentItem(item) }
    return { data: presentItem(changed) }
  }

  async destroy(ctx: HttpContext) {
    const item = await findOwnItem(ctx.auth.getUserOrFail(), ctx.params.id)
    await ctx.bouncer.with(PlannerPolicy).authorize('edit', item)
    await deleteItem(ctx, item)
    return ctx.response.noContent()
  }
}

