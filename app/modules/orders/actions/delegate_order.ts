import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'
import { recordActivity } from '#modules/orders/services/order_history'
import { notify, peopleActingFor } from '#modules/orders/services/order_notifier'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import { lockOrder } from '#modules/orders/services/order_locks'
import { sendAssignments } from '#modules/orders/services/cross_tenant'
import type { DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'

/**
 * An executor breaks an order into a sub-order for lower units or people.
 * The sub-order is issued at once; the original order stays with its owner,
 * who sees everything below it, and moves into work.
 */
export class DelegateOrder {
  async handle(
    order: Order,
    input: { text: string; deadlineKeyword: DeadlineKeyword; deadline?: Date; responsible: string; coExecutors?: string[] },
    actor: User,
    /** The 422 message when the sub-order's deadline is later than the order's (gets the order's date, ДД.ММ.ГГГГ). */
    afterParentMessage: (date: string) => string = (date) => `Срок нижестоящего поручения не может быть позже срока поручения (${date})`
  ) {
    if (!OPEN_STATUSES.includes(order.status) || order.status === 'report_submitted') {
      throw new errors.E_FORBIDDEN_TRANSITION(`An order in status "${order.status}" cannot be delegated`)
    }
    const executor = order.executors.find((candidate) => candidate.isActedOnBy(actor))!
    const deadline = await deadlineFor(input.deadlineKeyword, input.deadline)
    // A sub-order cannot be due after the order it serves.
    if (order.deadline && deadline.startOf('day') > order.deadline.startOf('day')) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'deadline', rule: 'orders.deadline_after_parent', message: afterParentMessage(order.deadline.toFormat('dd.LL.yyyy')) },
      ])
    }
    return tenantDb().transaction(async (trx) => {
      const parent = await lockOrder(trx, order.id)
      const { order: issued, executors } = await new CreateOrder().insert(
        trx,
        { type: parent.type, basis: parent.number, text: input.text, category: parent.category ?? undefined, privacy: parent.privacy,
          specialControl: parent.specialControl, deadlineKeyword: input.deadlineKeyword, deadline: input.deadline,
          controllerId: parent.controllerId ?? undefined, responsible: input.responsible, coExecutors: input.coExecutors },
        deadline,
        actor,
        { parent, delegatedFromExecutorId: executor.id }
      )
      issued.merge({ status: 'issued', issuedAt: DateTime.now() })
      await issued.useTransaction(trx).save()
      await recordActivity(trx, issued.id, actor.id, 'issued', [{ field: 'status', from: 'draft', to: 'issued' }])
      await recordActivity(trx, parent.id, actor.id, 'delegated', [], { child: issued.number, childId: issued.id })

      if (parent.status === 'issued' || parent.status === 'returned') {
        await recordActivity(trx, parent.id, actor.id, 'started', [{ field: 'status', from: parent.status, to: 'in_progress' }])
        parent.status = 'in_progress'
        await parent.useTransaction(trx).save()
      }
      for (const target of executors) {
        await notify(trx, await peopleActingFor(target, trx), 'order.delegated', issued, { parent: parent.number })
      }
      issued.$setRelated('executors', executors)
      await sendAssignments(trx, issued, actor)
      return issued
    })
  }
}
