import { DateTime } from 'luxon'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { sendAssignments } from '#modules/orders/services/cross_tenant'
import { notify, peopleActingFor } from '#modules/orders/services/order_notifier'

/**
 * Issues a draft: the executors are notified and the order is under control.
 */
export class IssueOrder {
  async handle(order: Order, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, 'issue')
      if (locked.textPending) throw new errors.E_TEXT_PENDING('The text of this voice order is not confirmed yet')
      await recordActivity(trx, locked.id, actor.id, 'issued', [{ field: 'status', from: locked.status, to: status }])
      locked.merge({ status, issuedAt: DateTime.now() })
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors) {
        await notify(trx, await peopleActingFor(executor, trx), 'order.assigned', locked, { role: executor.role })
      }
      await sendAssignments(trx, locked, actor)
      return locked
    })
  }
}
