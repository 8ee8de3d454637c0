import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { recordAttachments, withStoredFiles } from '#modules/orders/actions/attach_files'
import OrderReport from '#modules/orders/models/order_report'
import { nextStatus } from '#modules/orders/lifecycle'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity } from '#modules/orders/services/order_history'
import { tellOrigin } from '#modules/orders/services/cross_tenant'
import { notify } from '#modules/orders/services/order_notifier'
import { clockDate } from '#core/clock'

/**
 * The responsible executor reports execution: the text, the actual
 * completion date and any files (acts, photos); the issuer is asked to review it.
 */
export class SubmitReport {
  async handle(order: Order, input: { text: string; completedOn: Date; files?: MultipartFile[] }, actor: User) {
    return withStoredFiles(order, input.files ?? [], (stored) => tenantDb().transaction(async (trx) => {
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
      const attachments = await recordAttachments(trx, locked, stored, actor, { reportId: report.id })
      await recordActivity(trx, locked.id, actor.id, 'report_submitted', [{ field: 'status', from: locked.status, to: status }], {
        reportId: report.id,
        ...(attachments.length ? { files: attachments.map((item) => item.fileName) } : {}),
      })
      locked.status = status
      await locked.useTransaction(trx).save()
      for (const executor of locked.executors.filter((candidate) => candidate.isActedOnBy(actor))) {
        executor.status = 'report_submitted'
        await executor.useTransaction(trx).save()
      }
      await notify(trx, [locked.issuerId], 'order.report_submitted', locked, { reportId: report.id })
      await tellOrigin(trx, locked, 'orders.report_submitted', {
        reportId: report.id,
        text: report.text,
        completedOn: report.completedOn?.toISODate() ?? null,
        submittedAt: clockDate().toISOString(),
        attachments: attachments.map((item) => item.fileName),
      })
      return report
    }))
  }
}
