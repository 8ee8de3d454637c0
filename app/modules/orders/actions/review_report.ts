import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tellExecutor } from '#modules/orders/services/cross_tenant'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderReport from '#modules/orders/models/order_report'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { notify } from '#modules/orders/services/order_notifier'
import { clockDate } from '#core/clock'

export interface ReviewInput {
  decision: 'accept' | 'return'
  comment?: string
}

/**
 * The issuer accepts the submitted report (the order is executed on the
 * report's completion date) or returns it for rework with a comment.
 */
export class ReviewReport {
  async handle(order: Order, input: ReviewInput, actor: User) {
    return tenantDb().transaction(async (trx) => this.apply(trx, await lockOrder(trx, order.id), input, actor))
  }

  /**
   * Reviews the latest submitted report (or the given one) of a locked order;
   * also how a decision taken in the issuing tenant applies to this tenant's copy.
   */
  async apply(trx: TransactionClientContract, locked: Order, input: ReviewInput, actor: User, reportId?: number) {
    const status = nextStatus(locked.status, input.decision)
    const report = await OrderReport.query({ client: trx })
      .where('order_id', locked.id)
      .where('status', 'submitted')
      .if(reportId, (query) => query.where('id', reportId!))
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
    // The responsible executor's report executes the order; a co-executor counts as executed only if it
    // reported itself (its status says so); a return sends back to work those who reported.
    for (const executor of locked.executors) {
      const reported = executor.status === 'report_submitted' || executor.id === report.executorId
      if (input.decision === 'accept') {
        if (executor.role !== 'responsible' && !reported) continue
        executor.status = 'accepted'
        executor.acceptedAt = DateTime.now()
      } else {
        if (!reported && executor.role !== 'responsible') continue
        executor.status = 'in_progress'
      }
      await executor.useTransaction(trx).save()
    }
    if (report.remoteTenant) {
      const executor = locked.executors.find((candidate) => candidate.id === report.executorId)
      if (executor && input.decision === 'accept') {
        await tellExecutor(trx, locked, executor, 'orders.report_accepted', {
          reportId: report.remoteId!,
          acceptedAt: clockDate().toISOString(),
          comment: input.comment,
        })
      } else if (executor) {
        await tellExecutor(trx, locked, executor, 'orders.report_returned', {
          reportId: report.remoteId!,
          returnedAt: clockDate().toISOString(),
          reason: input.comment ?? '',
        })
      }
    } else {
      await notify(trx, [report.authorId], 'order.report_reviewed', locked, { decision: report.status })
    }
    return report
  }
}
