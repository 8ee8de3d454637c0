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
 * The issuer accepts the submitted report (the order is executed on the
 * report's completion date) or returns it for rework with a comment.
 */
export class ReviewReport {
  async handle(order: Order, input: { decision: 'accept' | 'return'; comment?: string }, actor: User) {
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      const status = nextStatus(locked.status, input.decision)
      const report = await OrderReport.query({ client: trx })
        .where('order_id', locked.id)
        .where('status', 'submitted')
        .orderBy('id', 'desc')
        .firstOrFail()
      report.merge({
        status: input.decision === 'accept' ? 'accepted' : 'returned',
        reviewedBy: actor.id,
        reviewedAt: DateTime.now(),
        reviewComment: input.comment ?? null,
      })
      await report.useTransaction(trx).save()

      await recordActivity(trx, locked.id, actor.id, input.decision === 'accept' ? 'report_accepted' : 'report_returned', [
        { field: 'status', from: locked.status, to: status },
      ], { comment: input.comment ?? null, reportId: report.id })
      locked.status = status
      if (input.decision === 'accept') locked.merge({ acceptedAt: DateTime.now(), completedOn: report.completedOn })
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors) {
        executor.status = input.decision === 'accept' ? 'accepted' : 'in_progress'
        await executor.useTransaction(trx).save()
      }
      await notify(trx, [report.authorId], 'order.report_reviewed', locked, { decision: report.status })
      return report
    })
  }
}
