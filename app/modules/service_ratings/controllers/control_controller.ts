import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import { DateTime } from 'luxon'
import { wantsJson } from '#core/wants_json'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import ServiceRatingPolicy from '#modules/service_ratings/policies/service_rating_policy'
import { CreateOrderFromRankAlert, monthLabel } from '#modules/service_ratings/actions/order_from_rank_alert'

/** Per body: follow-ups open, overdue (open past their date) and answered, from the rollup (no personal data). */
async function followUpsPerBody() {
  const ready = await tenantDb().rawQuery(`select to_regclass('rollup.service_follow_ups') is not null as ready`)
  if (!ready.rows[0].ready) return []
  const { rows } = await tenantDb().rawQuery(
    `select block,
        count(*) filter (where status <> 'answered')::int as open,
        count(*) filter (where status <> 'answered' and respond_by < ?)::int as overdue,
        count(*) filter (where status = 'answered')::int as answered
      from rollup.service_follow_ups group by block order by overdue desc, open desc, block`,
    [DateTime.now().toISODate()]
  )
  return rows as { block: string; open: number; overdue: number; answered: number }[]
}

/**
 * "Service ratings" in the Department of Control: the bodies the sealed
 * monthly ranks flagged (each may become an order to one of the body's
 * departments) and every body's follow-ups, open, overdue and answered.
 */
export default class ControlController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('viewControl')
    const [alerts, followUps, departments, canOrder] = await Promise.all([
      tenantDb().from('service_rank_alerts').orderBy('month', 'desc').orderBy('rank', 'desc').limit(200),
      followUpsPerBody(),
      remoteDepartments(),
      bouncer.with(OrderPolicy).allows('create'),
    ])
    const departmentsOf = (body: string) => departments.filter((department) => department.block === body)
    return view.render('pages/service_ratings/control', {
      alerts: alerts.map((alert) => ({ ...alert, monthLabel: monthLabel(alert.month), departments: departmentsOf(alert.body_slug) })),
      followUps,
      canOrder,
    })
  }

  async order(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    await bouncer.with(ServiceRatingPolicy).authorize('viewControl')
    await bouncer.with(OrderPolicy).authorize('create')
    const order = await new CreateOrderFromRankAlert().handle(Number(params.id), String(request.input('departmentCode') ?? ''), auth.getUserOrFail(), i18n)
    await recordAudit(actorFromContext(ctx), 'service_ratings.alert_order_created', { type: 'service_rank_alert', id: Number(params.id) }, { orderId: order.id, number: order.number })
    if (wantsJson(request)) return response.created({ orderId: order.id, number: order.number })
    session.flash('notice', i18n.t('service_ratings.flash.alert_order_created', { number: order.number }))
    return response.redirect('/service-ratings/control')
  }
}
