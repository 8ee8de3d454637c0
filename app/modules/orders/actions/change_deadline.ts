import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { notify, peopleActingFor } from '#modules/orders/services/order_notifier'
import { deadlineFor } from '#modules/orders/actions/create_order'
import type { DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'

/**
 * Only the issuer changes a deadline, and only while the order is open (or
 * still a draft); every executor's own deadline follows.
 */
export class ChangeDeadline {
  async handle(order: Order, input: { deadlineKeyword: DeadlineKeyword; deadline?: Date; reason: string }, actor: User) {
    const deadline = await deadlineFor(input.deadlineKeyword, input.deadline)
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      if (![...OPEN_STATUSES, 'draft'].includes(locked.status)) {
        throw new errors.E_FORBIDDEN_TRANSITION(`The deadline of an order in status "${locked.status}" cannot change`)
      }
      await recordActivity(trx, locked.id, actor.id, 'deadline_changed', [{ field: 'deadline', from: locked.deadline, to: deadline }], {
        reason: input.reason,
      })
      locked.merge({ deadline, deadlineKeyword: input.deadlineKeyword })
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors) {
        executor.deadline = deadline
        await executor.useTransaction(trx).save()
        if (locked.status !== 'draft') {
          await notify(trx, await peopleActingFor(executor, trx), 'order.deadline_changed', locked, {
            deadline: deadline.toISODate(),
          })
        }
      }
      return locked
    })
  }
}
