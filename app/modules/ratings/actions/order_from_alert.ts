import type { I18n } from '@adonisjs/i18n'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import RatingAlert from '#modules/ratings/models/rating_alert'

/**
 * Turns a rating alert into an issued order to the department responsible
 * for the indicator; the basis names the rating and the edition. One order
 * per alert: a second request is refused.
 */
export class CreateOrderFromAlert {
  async handle(alert: RatingAlert, actor: User, i18n: I18n) {
    if (alert.orderId) throw new errors.E_FORBIDDEN_TRANSITION('An order was already created from this alert')
    const context = await tenantDb()
      .from('rating_observations as ob')
      .join('rating_indicators as i', 'i.id', 'ob.indicator_id')
      .join('rating_editions as e', 'e.id', 'ob.edition_id')
      .join('ratings as r', 'r.id', 'e.rating_id')
      .where('ob.id', alert.observationId)
      .select('i.name as indicator', 'i.code', 'i.department_id', 'e.period', 'e.regions_count', 'r.title as rating', 'r.code as rating_code')
      .firstOrFail()
    if (!context.department_id) throw new errors.E_FORBIDDEN_TRANSITION('The indicator has no responsible department')
    const text = i18n.t(`ratings.order.text_${alert.kind}`, {
      rating: context.rating,
      period: context.period,
      indicator: `${context.code} ${context.indicator}`,
      rank: alert.rank,
      previous: alert.previousRank ?? '—',
      regions: context.regions_count,
    })
    const orderDraft = {
      type: 'order' as const,
      basis: i18n.t('ratings.order.basis', { rating: context.rating, period: context.period }).slice(0, 500),
      text,
      category: 'rating',
      deadlineKeyword: 'promptly' as const,
      responsible: `department:${context.department_id}`,
    }
    const deadline = await deadlineFor(orderDraft.deadlineKeyword, undefined)
    // The alert row is locked while the draft is written, so two clicks make one order.
    const draft = await tenantDb().transaction(async (trx) => {
      const locked = await RatingAlert.query({ client: trx }).where('id', alert.id).forUpdate().firstOrFail()
      if (locked.orderId) throw new errors.E_FORBIDDEN_TRANSITION('An order was already created from this alert')
      const { order } = await new CreateOrder().insert(trx, orderDraft, deadline, actor)
      locked.orderId = order.id
      await locked.useTransaction(trx).save()
      return order
    })
    const order = await new IssueOrder().handle(draft, actor)
    alert.orderId = order.id
    return order
  }
}
