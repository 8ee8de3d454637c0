import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderReport from '#modules/orders/models/order_report'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { notify } from '#modules/orders/services/order_notifier'

/**
 * The responsible executor reports execution: the text and the actual
 * completion date; the issuer is asked to review it.
 */
export class SubmitReport {
  async handle(order: Order, input: { text: string; completedOn: Date }, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, 'submit_report')
      const report = await OrderReport.create(
        {
          orderId: locked.id,
          authorId: actor.id,
          text: input.text,
          completedOn: DateTime.fromJSDate(input.completedOn),
          status: 'submitted',
        },
        { client: trx }
      )
      await recordActivity(trx, locked.id, actor.id, 'report_submitted', [{ field: 'status', from: locked.status, to: status }], {
        reportId: report.id,
      })
      locked.status = status
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors.filter((candidate) => candidate.isActedOnBy(actor))) {
        executor.status = 'report_submitted'
        await executor.useTransaction(trx).save()
      }
      await notify(trx, [locked.issuerId], 'order.report_submitted', locked, { reportId: report.id })
      return report
    })
  }
}
