import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import { DateTime } from 'luxon'
import { wantsJson } from '#core/wants_json'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import ServiceRatingPolicy from '#modules/service_ratings/policies/service_rating_policy'
import { CreateOrderFromRankAlert, monthLabel } from '#modules/service_ratings/actions/order_from_rank_alert'
import { tenantRegistry } from '#tenancy/tenant_registry'

/** Alerts on one page (newest month first; older ones on the next pages). */
const ALERTS_PER_PAGE = 50

function pageNumber(value: unknown) {
  const page = Number(value)
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1
}

/**
 * Body names by slug: the central registry's (the rollup carries slugs only),
 * else the names the latest alert on the body brought.
 */
async function bodyNames() {
  const names = new Map<string, { ru: string; en: string }>()
  const alerted = await tenantDb().from('service_rank_alerts').distinctOn('body_slug').orderBy('body_slug').orderBy('received_at', 'desc').select('body_slug', 'body_name_ru', 'body_name_en')
  for (const row of alerted) names.set(row.body_slug, { ru: row.body_name_ru, en: row.body_name_en })
  for (const tenant of await tenantRegistry.active()) names.set(tenant.slug, { ru: tenant.nameRu, en: tenant.nameEn })
  return names
}

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
  async index({ bouncer, request, view, i18n }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('viewControl')
    const [alerts, followUps, departments, canOrder, names] = await Promise.all([
      tenantDb().from('service_rank_alerts').orderBy('month', 'desc').orderBy('rank', 'desc').orderBy('id', 'desc').paginate(pageNumber(request.input('page')), ALERTS_PER_PAGE),
      followUpsPerBody(),
      remoteDepartments(),
      bouncer.with(OrderPolicy).allows('create'),
      bodyNames(),
    ])
    alerts.baseUrl('/service-ratings/control')
    const departmentsOf = (body: string) => departments.filter((department) => department.block === body)
    const nameOf = (slug: string) => {
      const name = names.get(slug)
      return name ? (i18n.locale === 'en' ? name.en : name.ru) : slug
    }
    return view.render('pages/service_ratings/control', {
      alerts: alerts.all().map((alert: any) => ({ ...alert, monthLabel: monthLabel(alert.month), departments: departmentsOf(alert.body_slug) })),
      paginator: alerts,
      followUps: followUps.map((row) => ({ ...row, name: nameOf(row.block) })),
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
