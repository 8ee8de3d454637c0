import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Order, { type OrderType } from '#modules/orders/models/order'
import OrderExecutor from '#modules/orders/models/order_executor'
import { recordActivity } from '#modules/orders/services/order_history'
import { nextOrderNumber } from '#modules/orders/services/order_numbers'
import { executorRows, executorTargets } from '#modules/orders/services/executor_references'
import { tenantCalendar, tenantDeadlineRules } from '#modules/orders/services/tenant_calendar'
import { resolveDeadline, type DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'

export interface OrderDraft {
  type: OrderType
  basis?: string
  text: string
  category?: string
  privacy?: 'normal' | 'restricted'
  specialControl?: boolean
  deadlineKeyword: DeadlineKeyword
  deadline?: Date
  controllerId?: number
  curatorId?: number
  responsible: string
  coExecutors?: string[]
}

/**
 * Turns a deadline keyword (or a date) into a working-day deadline by the
 * tenant's rules and calendar.
 */
export async function deadlineFor(keyword: DeadlineKeyword, date: Date | undefined, signedAt = DateTime.now()) {
  const [calendar, rules] = await Promise.all([tenantCalendar(), tenantDeadlineRules()])
  return resolveDeadline({ keyword, date: date ? DateTime.fromJSDate(date) : null, signedAt }, calendar, rules)
}

/**
 * The date each deadline keyword gives for an order signed on `signedAt`
 * (today by the platform's clock), by the tenant's rules and calendar: what
 * the forms show as soon as a keyword is chosen.
 */
export async function keywordDeadlines(signedAt = DateTime.now()): Promise<Record<string, string>> {
  const [calendar, rules] = await Promise.all([tenantCalendar(), tenantDeadlineRules()])
  return Object.fromEntries(
    (Object.keys(rules) as Exclude<DeadlineKeyword, 'date'>[]).map((keyword) => [
      keyword,
      resolveDeadline({ keyword, signedAt }, calendar, rules).toFormat('dd.LL.yyyy'),
    ])
  )
}

/**
 * Creates an order as a draft with its executors; the issuer is the author.
 */
export class CreateOrder {
  async handle(draft: OrderDraft, issuer: User) {
    const deadline = await deadlineFor(draft.deadlineKeyword, draft.deadline)
    return tenantDb().transaction(async (trx) => (await this.insert(trx, draft, deadline, issuer)).order)
  }

  /**
   * Writes the draft, its executors and its first history entry inside the
   * caller's transaction (delegation issues the sub-order in the same one).
   */
  async insert(
    trx: TransactionClientContract,
    draft: OrderDraft,
    deadline: DateTime,
    issuer: User,
    options: { parent?: Order; delegatedFromExecutorId?: number } = {}
  ) {
    const order = await Order.create(
      {
        number: await nextOrderNumber(trx, DateTime.now().year),
        type: draft.type,
        basis: draft.basis ?? null,
        issuerId: issuer.id,
        departmentId: issuer.departmentId,
        text: draft.text,
        category: draft.category ?? null,
        privacy: draft.privacy ?? 'normal',
        specialControl: draft.specialControl ?? false,
        parentId: options.parent?.id ?? null,
        ancestorIds: options.parent ? [...options.parent.ancestorIds, options.parent.id] : [],
        delegatedFromExecutorId: options.delegatedFromExecutorId ?? null,
        status: 'draft',
        deadlineKeyword: draft.deadlineKeyword,
        deadline,
        controllerId: draft.controllerId ?? null,
        curatorId: draft.curatorId ?? null,
      },
      { client: trx }
    )
    const executors = await OrderExecutor.createMany(
      (await executorRows(executorTargets(draft.responsible, draft.coExecutors), trx)).map((target) => ({
        ...target,
        orderId: order.id,
        deadline,
        status: 'assigned' as const,
      })),
      { client: trx }
    )
    await recordActivity(trx, order.id, issuer.id, 'created', [], { number: order.number })
    return { order, executors }
  }
}
