import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { notifyUsers } from '#modules/notifications/services/notify'
import { EXECUTOR_PEOPLE_SQL } from '#modules/orders/services/executor_people'
import type Order from '#modules/orders/models/order'
import type OrderExecutor from '#modules/orders/models/order_executor'

export type OrderNotificationKind =
  | 'order.assigned'
  | 'order.delegated'
  | 'order.deadline_changed'
  | 'order.extension_requested'
  | 'order.extension_decided'
  | 'order.report_submitted'
  | 'order.report_reviewed'
  | 'order.deadline_soon'
  | 'order.overdue'
  | 'order.transcript_ready'
  | 'order.transcript_failed'

/**
 * The people who act for an executor (see EXECUTOR_PEOPLE_SQL).
 */
export async function peopleActingFor(executor: OrderExecutor, trx?: TransactionClientContract): Promise<number[]> {
  const client = trx ?? tenantDb()
  const result = await client.rawQuery(
    `select distinct person from (${EXECUTOR_PEOPLE_SQL}) people where executor_id = ? order by person`,
    [executor.id]
  )
  return result.rows.map((row: { person: number }) => row.person)
}

/**
 * In-app notifications about an order; their e-mail copies go out after commit. A dedupe key
 * makes a notification idempotent: the deadline sweep may run twice a day.
 */
export async function notify(
  trx: TransactionClientContract,
  userIds: number[],
  kind: OrderNotificationKind,
  order: Order,
  data: Record<string, unknown> = {},
  dedupeKey?: string
) {
  await notifyUsers(trx, userIds, kind, `/orders/${order.id}`, { number: order.number, orderId: order.id, ...data }, dedupeKey)
}
