import type { HttpContext } from '@adonisjs/core/http'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { presentOrder, presentOrderDetails } from '#modules/orders/presenters'
import { findVisibleOrder, listOrders } from '#modules/orders/builders/order_queries'
import { createOrderValidator, orderFiltersValidator } from '#modules/orders/validators/order_validators'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { UpdateDraft } from '#modules/orders/actions/update_draft'

/**
 * Orders over the REST API (bearer tokens): list with filters, read, create, edit drafts.
 * Lifecycle steps share OrderTransitionsController with the web.
 */
export default class ApiOrdersController {
  async index({ request, auth }: HttpContext) {
    const filters = await orderFiltersValidator.validate(request.qs())
    const page = await listOrders(auth.getUserOrFail(), { role: 'all', ...filters }).paginate(filters.page ?? 1, 50)
    return { data: page.all().map(presentOrder), meta: page.getMeta() }
  }

  async show({ params, auth }: HttpContext) {
    const order = await findVisibleOrder(auth.getUserOrFail(), params.id)
    await order.load((loader) => {
      loader.load('reports', (reports) => reports.orderBy('id')).load('attachments', (attachments) => attachments.orderBy('id'))
    })
    return { data: presentOrderDetails(order) }
  }

  async store({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('create')
    const data = await request.validateUsing(createOrderValidator)
    const user = auth.getUserOrFail()
    let order = await new CreateOrder().handle(data, user)
    if (request.input('issue') === true) order = await new IssueOrder().handle(order, user)
    return response.created({ data: presentOrder(await findVisibleOrder(user, order.id)) })
  }

  /** Replaces a draft's fields and executors (the issuer only, drafts only). */
  async update({ params, request, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const order = await findVisibleOrder(user, params.id)
    await bouncer.with(OrderPolicy).authorize('edit', order)
    const data = await request.validateUsing(createOrderValidator)
    await new UpdateDraft().handle(order, data, user)
    return { data: presentOrder(await findVisibleOrder(user, order.id)) }
  }
}
