import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderExtensionRequest from '#modules/orders/models/order_extension_request'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity, type FieldChange } from '#modules/orders/services/order_history'
import { notify } from '#modules/orders/services/order_notifier'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { WorkingCalendar } from '#modules/orders/calendar/working_calendar'
import { tellExecutor } from '#modules/orders/services/cross_tenant'

export interface DecisionInput {
  decision: 'approve' | 'reject'
  comment?: string
}

/**
 * The issuer approves (the new deadline applies, moved to a working day) or
 * rejects the pending extension request.
 */
export class DecideExtension {
  async handle(order: Order, input: DecisionInput, actor: User) {
    const calendar = await tenantCalendar()
    return tenantDb().transaction(async (trx) => this.apply(trx, await lockOrder(trx, order.id), input, actor, calendar))
  }

  /**
   * Decides the pending request (or the given one) of a locked order; also
   * how a decision taken in the issuing tenant applies to this tenant's copy.
   */
  async apply(trx: TransactionClientContract, locked: Order, input: DecisionInput, actor: User, calendar: WorkingCalendar, requestId?: number) {
    const status = nextStatus(locked.status, 'decide_extension')
    const request = await OrderExtensionRequest.query({ client: trx })
      .where('order_id', locked.id)
      .where('status', 'pending')
      .if(requestId, (query) => query.where('id', requestId!))
      .orderBy('id', 'desc')
      .firstOrFail()
    request.merge({
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: actor.id,
      decidedAt: DateTime.now(),
      decisionComment: input.comment ?? null,
    })
    await request.useTransaction(trx).save()

    const changes: FieldChange[] = [{ field: 'status', from: locked.status, to: status }]
    if (input.decision === 'approve') {
      const deadline = calendar.previousWorkingDay(request.requestedDeadline)
      changes.push({ field: 'deadline', from: locked.deadline, to: deadline })
      locked.merge({ deadline, deadlineKeyword: 'date' })
      for (const executor of locked.executors) {
        executor.deadline = deadline
        await executor.useTransaction(trx).save()
      }
    }
    await recordActivity(trx, locked.id, actor.id, `extension_${request.status}`, changes, { comment: input.comment ?? null })
    locked.status = status
    await locked.useTransaction(trx).save()
    const executor = request.remoteTenant ? locked.executors.find((candidate) => candidate.id === request.executorId) : undefined
    if (executor) {
      await tellExecutor(trx, locked, executor, 'orders.extension_decided', {
        requestId: request.remoteId!,
        decision: request.status === 'approved' ? 'granted' : 'refused',
        dueOn: request.status === 'approved' ? locked.deadline?.toISODate() ?? undefined : undefined,
        comment: input.comment,
      })
    } else {
      await notify(trx, [request.requestedBy], 'order.extension_decided', locked, { decision: request.status })
    }
    return request
  }
}
