import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderExecutor from '#modules/orders/models/order_executor'
import { lockOrder } from '#modules/orders/services/order_locks'
import { recordActivity, type FieldChange } from '#modules/orders/services/order_history'
import { executorRows, executorTargets, referenceOf } from '#modules/orders/services/executor_references'
import { deadlineFor, type OrderDraft } from '#modules/orders/actions/create_order'

const EDITABLE_FIELDS = [
  'type',
  'basis',
  'text',
  'category',
  'privacy',
  'specialControl',
  'deadlineKeyword',
  'deadline',
  'controllerId',
  'curatorId',
] as const

/** "responsible department:3; co_executor user:9" — to see whether the executor list changed. */
function executorSummary(executors: { role: string; departmentId: number | null; userId: number | null }[]) {
  return executors
    .map((executor) => `${executor.role} ${referenceOf(executor)}`)
    .sort()
    .join('; ')
}

function comparable(value: unknown) {
  if (value && typeof value === 'object' && 'toISODate' in value) return (value as { toISODate(): string }).toISODate()
  return value ?? null
}

/**
 * The issuer rewrites a draft before issuing it: every field and the
 * executors. Each changed field is recorded in the history (old → new).
 */
export class UpdateDraft {
  async handle(order: Order, draft: OrderDraft, editor: User) {
    const deadline = await deadlineFor(draft.deadlineKeyword, draft.deadline)
    return tenantDb().transaction(async (trx) => {
      const locked = await lockOrder(trx, order.id)
      if (locked.status !== 'draft') {
        throw new errors.E_FORBIDDEN_TRANSITION(`An order in status "${locked.status}" is no longer a draft`)
      }
      const next = {
        type: draft.type,
        basis: draft.basis ?? null,
        text: draft.text,
        category: draft.category ?? null,
        privacy: draft.privacy ?? 'normal',
        specialControl: draft.specialControl ?? false,
        deadlineKeyword: draft.deadlineKeyword,
        deadline,
        controllerId: draft.controllerId ?? null,
        curatorId: draft.curatorId ?? null,
      }
      const changes: FieldChange[] = EDITABLE_FIELDS.filter((field) => comparable(locked[field]) !== comparable(next[field])).map(
        (field) => ({ field, from: locked[field], to: next[field] })
      )

      const targets = executorTargets(draft.responsible, draft.coExecutors)
      const before = executorSummary(locked.executors)
      const after = executorSummary(targets)
      if (before !== after) {
        changes.push({ field: 'executors', from: before, to: after })
        await OrderExecutor.query({ client: trx }).where('order_id', locked.id).delete()
        await OrderExecutor.createMany(
          (await executorRows(targets, trx)).map((target) => ({ ...target, orderId: locked.id, deadline, status: 'assigned' as const })),
          { client: trx }
        )
      } else {
        await OrderExecutor.query({ client: trx }).where('order_id', locked.id).update({ deadline: deadline.toISODate() })
      }

      if (changes.length) {
        locked.merge(next)
        // writing the text over a voice draft's placeholder confirms it
        if (changes.some((change) => change.field === 'text')) locked.textPending = false
        await locked.useTransaction(trx).save()
        await recordActivity(trx, locked.id, editor.id, 'edited', changes)
      }
      return locked
    })
  }
}
