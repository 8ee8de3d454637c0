import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { tellOrigin } from '#modules/orders/services/cross_tenant'
import { recordActivity } from '#modules/orders/services/order_history'
import { clockDate } from '#core/clock'

/**
 * The responsible executor takes the order into work.
 */
export class StartOrder {
  async handle(order: Order, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, 'start')
      await tellOrigin(trx, locked, 'orders.status_changed', { status, changedAt: clockDate().toISOString() })
      await recordActivity(trx, locked.id, actor.id, 'started', [{ field: 'status', from: locked.status, to: status }])
      locked.status = status
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors.filter((candidate) => candidate.isActedOnBy(actor))) {
        executor.status = 'in_progress'
        await executor.useTransaction(trx).save()
      }
      return locked
    })
  }
}
