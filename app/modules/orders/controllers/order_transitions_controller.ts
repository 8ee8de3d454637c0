import type { HttpContext } from '@adonisjs/core/http'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { findVisibleOrder } from '#modules/orders/builders/order_queries'
import {
  changeDeadlineValidator,
  delegateOrderValidator,
  extensionDecisionValidator,
  extensionRequestValidator,
  reportValidator,
  removeFromControlValidator,
  reviewValidator,
} from '#modules/orders/validators/order_validators'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { StartOrder } from '#modules/orders/actions/start_order'
import { ChangeDeadline } from '#modules/orders/actions/change_deadline'
import { DelegateOrder } from '#modules/orders/actions/delegate_order'
import { RequestExtension } from '#modules/orders/actions/request_extension'
import { DecideExtension } from '#modules/orders/actions/decide_extension'
import { SubmitReport } from '#modules/orders/actions/submit_report'
import { ReviewReport } from '#modules/orders/actions/review_report'
import { RemoveFromControl } from '#modules/orders/actions/remove_from_control'
import { assertSubOrdersConfirmed } from '#modules/orders/services/sub_orders'

type OrderAbility =
  | 'issue'
  | 'start'
  | 'changeDeadline'
  | 'delegate'
  | 'requestExtension'
  | 'decideExtension'
  | 'report'
  | 'review'
  | 'removeFromControl'

/**
 * Every step of the lifecycle, for the web (redirect back to the card with
 * a notice) and the API (JSON of the order). Each one: find the order among
 * the visible ones (404), authorize (403), validate (422), act (409 when the
 * status does not allow it).
 */
export default class OrderTransitionsController {
  async #respond(ctx: HttpContext, orderId: number, notice: string) {
    if (ctx.request.url().startsWith('/api/')) {
      const order = await findVisibleOrder(ctx.auth.getUserOrFail(), orderId)
      return ctx.response.ok({ data: { id: order.id, number: order.number, status: order.status, deadline: order.deadline?.toISODate() } })
    }
    ctx.session.flash('notice', ctx.i18n.t(`orders.flash.${notice}`))
    return ctx.response.redirect(`/orders/${orderId}`)
  }

  async #load(ctx: HttpContext, ability: OrderAbility) {
    const user = ctx.auth.getUserOrFail()
    const order = await findVisibleOrder(user, ctx.params.id)
    await ctx.bouncer.with(OrderPolicy).authorize(ability, order)
    return { user, order }
  }

  /** Closing an order whose sub-orders are open needs `confirmOpenSubOrders` (422 listing them otherwise). */
  async #confirmSubOrders(ctx: HttpContext, orderId: number, confirmed: boolean | undefined) {
    await assertSubOrdersConfirmed(orderId, confirmed, (numbers) => ctx.i18n.t('orders.errors.open_sub_orders', { numbers }))
  }

  async issue(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'issue')
    await new IssueOrder().handle(order, user)
    return this.#respond(ctx, order.id, 'issued_card')
  }

  async start(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'start')
    await new StartOrder().handle(order, user)
    return this.#respond(ctx, order.id, 'started')
  }

  async changeDeadline(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'changeDeadline')
    const data = await ctx.request.validateUsing(changeDeadlineValidator)
    await new ChangeDeadline().handle(order, data, user)
    return this.#respond(ctx, order.id, 'deadline_changed')
  }

  async delegate(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'delegate')
    const data = await ctx.request.validateUsing(delegateOrderValidator)
    const child = await new DelegateOrder().handle(order, data, user, (date) => ctx.i18n.t('orders.errors.deadline_after_parent', { date }))
    if (ctx.request.url().startsWith('/api/')) {
      return ctx.response.created({ data: { id: child.id, number: child.number, status: child.status, parentId: order.id } })
    }
    ctx.session.flash('notice', ctx.i18n.t('orders.flash.delegated', { number: child.number }))
    return ctx.response.redirect(`/orders/${child.id}`)
  }

  async requestExtension(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'requestExtension')
    const data = await ctx.request.validateUsing(extensionRequestValidator)
    await new RequestExtension().handle(order, data, user)
    return this.#respond(ctx, order.id, 'extension_requested')
  }

  async decideExtension(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'decideExtension')
    const data = await ctx.request.validateUsing(extensionDecisionValidator)
    await new DecideExtension().handle(order, data, user)
    return this.#respond(ctx, order.id, `extension_${data.decision}`)
  }

  async report(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'report')
    const data = await ctx.request.validateUsing(reportValidator)
    await new SubmitReport().handle(order, data, user)
    return this.#respond(ctx, order.id, 'report_submitted')
  }

  async review(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'review')
    const data = await ctx.request.validateUsing(reviewValidator)
    if (data.decision === 'accept') await this.#confirmSubOrders(ctx, order.id, data.confirmOpenSubOrders)
    await new ReviewReport().handle(order, data, user)
    return this.#respond(ctx, order.id, data.decision === 'accept' ? 'report_accepted' : 'report_returned')
  }

  async removeFromControl(ctx: HttpContext) {
    const { user, order } = await this.#load(ctx, 'removeFromControl')
    const { confirmOpenSubOrders } = await ctx.request.validateUsing(removeFromControlValidator)
    await this.#confirmSubOrders(ctx, order.id, confirmOpenSubOrders)
    await new RemoveFromControl().handle(order, { summary: ctx.request.input('summary') ?? undefined }, user)
    return this.#respond(ctx, order.id, 'removed')
  }
}
