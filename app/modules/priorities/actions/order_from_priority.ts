import type { I18n } from '@adonisjs/i18n'
import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { refusal } from '#modules/priorities/services/refusal'

export interface ReceivedResultKey {
  portal: string
  quarter: string
  version: number
  priorityId: number
}

/**
 * In a municipality (or a block responsible for the priority): turns a ranked priority into an issued
 * order to one of its departments. The basis names the quarter, the rank and
 * the priority; the result row keeps the order's id (the link back). One
 * order per received result: a second request is refused (409).
 */
export class CreateOrderFromPriority {
  async handle(key: ReceivedResultKey, departmentId: number, actor: User, i18n: I18n) {
    const department = await Department.query().where('id', departmentId).where('is_active', true).first()
    if (!department) throw refusal('departmentId', 'exists', i18n.t('priorities.errors.unknown_department'))
    const draft = await tenantDb().transaction(async (trx) => {
      const result = await trx
        .from('priority_received_results')
        .where({ portal: key.portal, quarter: key.quarter, version: key.version, priority_id: key.priorityId })
        .forUpdate()
        .first()
      if (!result) throw new errors.E_NOT_FOUND('No such result')
      if (result.order_id) throw new errors.E_FORBIDDEN_TRANSITION(i18n.t('priorities.errors.order_exists'))
      // a block acts on the ranks of the priorities it is responsible for, a municipality on its residents' ranks
      const keys = tenantScope.currentOrFail().kind === 'block' ? { basis: 'priorities.order.block_basis', text: 'priorities.order.block_text' } : { basis: 'priorities.order.basis', text: 'priorities.order.text' }
      const orderDraft = {
        type: 'order' as const,
        basis: i18n.t(keys.basis, { quarter: key.quarter, rank: result.rank, title: result.title }).slice(0, 500),
        text: i18n.t(keys.text, { title: result.title, quarter: key.quarter, rank: result.rank, votes: result.votes }),
        category: 'priorities',
        deadlineKeyword: 'promptly' as const,
        responsible: `department:${department.id}`,
      }
      const deadline = await deadlineFor(orderDraft.deadlineKeyword, undefined)
      const { order } = await new CreateOrder().insert(trx, orderDraft, deadline, actor)
      await trx
        .from('priority_received_results')
        .where({ portal: key.portal, quarter: key.quarter, version: key.version, priority_id: key.priorityId })
        .update({ order_id: order.id })
      // the portal shows the order on the priority: the link back
      await bus.send(trx, {
        to: key.portal,
        type: 'priorities.order_issued',
        payload: { priorityId: key.priorityId, quarter: key.quarter, orderId: order.id, orderNumber: order.number, issuedAt: DateTime.now().toISO()! },
      })
      return order
    })
    return new IssueOrder().handle(draft, actor)
  }
}
