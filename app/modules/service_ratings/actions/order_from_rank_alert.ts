import type { I18n } from '@adonisjs/i18n'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import { errors as vineErrors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import { bus } from '#bus/bus'

/** A sealed month as people read it: 11.2026. */
export function monthLabel(month: Date | string) {
  // node-postgres reads a date as local midnight: the local calendar fields are the stored ones
  if (month instanceof Date) return `${String(month.getMonth() + 1).padStart(2, '0')}.${month.getFullYear()}`
  return `${String(month).slice(5, 7)}.${String(month).slice(0, 4)}`
}

/** A sealed month as the bus names it: 2026-11. */
function monthKey(month: Date | string) {
  const [mm, yyyy] = monthLabel(month).split('.')
  return `${yyyy}-${mm}`
}

/**
 * In the Department of Control: turns a service rank alert into an issued
 * order to a department of the flagged body. The order's basis names the
 * alert (portal, month, version, rank); the alert keeps the order's id and
 * number (the link back). One order per alert: a second request is refused.
 */
export class CreateOrderFromRankAlert {
  async handle(alertId: number, departmentCode: string, actor: User, i18n: I18n) {
    const draft = await tenantDb().transaction(async (trx) => {
      const alert = await trx.from('service_rank_alerts').where('id', alertId).forUpdate().first()
      if (!alert) throw new errors.E_NOT_FOUND('No such alert')
      if (alert.order_id) throw new errors.E_FORBIDDEN_TRANSITION(i18n.t('service_ratings.errors.alert_order_exists'))
      const [department] = await remoteDepartments({ block: alert.body_slug, code: departmentCode }, trx)
      if (!department) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'departmentCode', rule: 'exists', message: i18n.t('service_ratings.errors.unknown_department') }])
      const month = monthLabel(alert.month)
      const facts = {
        alert: alert.id,
        body: i18n.locale === 'en' ? alert.body_name_en : alert.body_name_ru,
        month,
        version: alert.version,
        rank: alert.rank,
        of: alert.ranked_of,
        previous: alert.previous_rank ?? '—',
        score: Number(alert.score_overall).toFixed(2),
      }
      const orderDraft = {
        type: 'order' as const,
        basis: i18n.t('service_ratings.alerts.order_basis', facts).slice(0, 500),
        text: i18n.t(`service_ratings.alerts.order_text_${alert.kind}`, facts),
        category: 'service_ratings',
        deadlineKeyword: 'promptly' as const,
        responsible: `remote:${alert.body_slug}:${department.code}`,
      }
      const deadline = await deadlineFor(orderDraft.deadlineKeyword, undefined)
      const { order } = await new CreateOrder().insert(trx, orderDraft, deadline, actor)
      await trx.from('service_rank_alerts').where('id', alert.id).update({ order_id: order.id, order_number: order.number })
      // the portal shows the order next to the body on its public ranking: the link back
      await bus.send(trx, {
        to: alert.portal,
        type: 'service_ratings.rank_order_issued',
        payload: { month: `${monthKey(alert.month)}`, body: alert.body_slug, orderId: order.id, orderNumber: order.number, issuedAt: DateTime.now().toISO()! },
      })
      return order
    })
    return new IssueOrder().handle(draft, actor)
  }
}
