import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderExtensionRequest from '#modules/orders/models/order_extension_request'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { tellOrigin } from '#modules/orders/services/cross_tenant'
import { notify } from '#modules/orders/services/order_notifier'

/**
 * The responsible executor asks the issuer for a later deadline.
 */
export class RequestExtension {
  async handle(order: Order, input: { requestedDeadline: Date; justification: string }, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, 'request_extension')
      const request = await OrderExtensionRequest.create(
        {
          orderId: locked.id,
          requestedBy: actor.id,
          justification: input.justification,
          currentDeadline: locked.deadline,
          requestedDeadline: DateTime.fromJSDate(input.requestedDeadline),
          status: 'pending',
        },
        { client: trx }
      )
      await recordActivity(trx, locked.id, actor.id, 'extension_requested', [{ field: 'status', from: locked.status, to: status }], {
        requestedDeadline: request.requestedDeadline.toISODate(),
      })
      locked.status = status
      await locked.useTransaction(trx).save()
      await notify(trx, [locked.issuerId], 'order.extension_requested', locked, {
        requestedDeadline: request.requestedDeadline.toISODate(),
      })
      await tellOrigin(trx, locked, 'orders.extension_requested', {
        requestId: request.id,
        proposedDueOn: request.requestedDeadline.toISODate()!,
        reason: request.justification,
      })
      return request
    })
  }
}
