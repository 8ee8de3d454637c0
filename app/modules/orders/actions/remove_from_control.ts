import { DateTime } from 'luxon'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderReport from '#modules/orders/models/order_report'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'

/**
 * The controller removes an accepted order from control. It needs the actual
 * completion date and an accepted report; interim reports are not grounds.
 */
export class RemoveFromControl {
  async handle(order: Order, input: { summary?: string }, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, 'remove_from_control')
      const accepted = await OrderReport.query({ client: trx }).where('order_id', locked.id).where('status', 'accepted').first()
      if (!locked.completedOn || !accepted) {
        throw new errors.E_FORBIDDEN_TRANSITION('Removal from control needs an accepted report and the actual completion date')
      }
      await recordActivity(trx, locked.id, actor.id, 'removed_from_control', [{ field: 'status', from: locked.status, to: status }])
      locked.merge({ status, removedAt: DateTime.now(), summary: input.summary ?? locked.summary })
      await locked.useTransaction(trx).save()
      return locked
    })
  }
}
