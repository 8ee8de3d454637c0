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
import { SERVICE_CHANNELS } from '#modules/service_ratings/models/service_base'

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

/** Bodies (follow-ups) on one page. */
const BODIES_PER_PAGE = 25
const BODY_KINDS = ['block', 'municipality'] as const

/**
 * The page's filters as the query string gives them; anything not
 * recognised is no filter. `body` is a body kind (regional blocks,
 * municipalities) or one body's slug.
 */
export interface ControlFilters {
  month: string
  channel: string
  body: string
  alertsOnly: boolean
}

function filtersOf(request: HttpContext['request'], knownBodies: Set<string>): ControlFilters {
  const month = String(request.input('month') ?? '')
  const channel = String(request.input('channel') ?? '')
  const body = String(request.input('body') ?? '')
  return {
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : '',
    channel: (SERVICE_CHANNELS as readonly string[]).includes(channel) ? channel : '',
    body: (BODY_KINDS as readonly string[]).includes(body) || knownBodies.has(body) ? body : '',
    alertsOnly: request.input('alerts') === '1',
  }
}

/** The filters as query-string values (for the pagers' links), without the empty ones. */
function queryOf(filters: ControlFilters) {
  const query: Record<string, string> = {}
  if (filters.month) query.month = filters.month
  if (filters.channel) query.channel = filters.channel
  if (filters.body) query.body = filters.body
  if (filters.alertsOnly) query.alerts = '1'
  return query
}

/** The bodies the `body` filter keeps: one slug, the slugs of a kind, or all (null). */
function bodiesOf(filters: ControlFilters, kinds: Map<string, string>): string[] | null {
  if (!filters.body) return null
  if ((BODY_KINDS as readonly string[]).includes(filters.body)) return [...kinds].filter(([, kind]) => kind === filters.body).map(([slug]) => slug)
  return [filters.body]
}

/** Alerts under the month and body filters (the channel does not apply: an alert is on a body's services in every channel). */
function alertsQuery(filters: ControlFilters, bodies: string[] | null) {
  const query = tenantDb().from('service_rank_alerts')
  if (filters.month) query.where('month', `${filters.month}-01`)
  if (bodies) query.whereIn('body_slug', bodies)
  return query
}

/**
 * Per body: follow-ups open, overdue (open past their date) and answered,
 * from the rollup (no personal data), under the filters — the month they
 * were rated in, the service's channel, the body, only bodies with an alert
 * — a page of bodies at a time, those with most overdue first.
 */
async function followUpsPerBody(filters: ControlFilters, bodies: string[] | null, page: number) {
  const ready = await tenantDb().rawQuery(`select to_regclass('rollup.service_follow_ups') is not null as ready`)
  if (!ready.rows[0].ready) return null
  const db = tenantDb()
  const query = db
    .from('rollup.service_follow_ups')
    .select('block')
    .select(db.raw(`count(*) filter (where status <> 'answered')::int as open`))
    .select(db.raw(`count(*) filter (where status <> 'answered' and respond_by < ?)::int as overdue`, [DateTime.now().toISODate()]))
    .select(db.raw(`count(*) filter (where status = 'answered')::int as answered`))
    .groupBy('block')
    .orderBy('overdue', 'desc')
    .orderBy('open', 'desc')
    .orderBy('block')
  if (filters.month) {
    const start = DateTime.fromISO(`${filters.month}-01`)
    query.where('rated_on', '>=', start.toISODate()!).where('rated_on', '<', start.plus({ months: 1 }).toISODate()!)
  }
  if (filters.channel) query.where('channel', filters.channel)
  if (bodies) query.whereIn('block', bodies)
  if (filters.alertsOnly) query.whereIn('block', alertsQuery(filters, bodies).select('body_slug'))
  return query.paginate(page, BODIES_PER_PAGE)
}

/** The months Control may pick: those of its alerts and of the bodies' follow-ups, newest first. */
async function monthsOnFile(followUpsReady: boolean) {
  const { rows } = await tenantDb().rawQuery(
    `select distinct to_char(month, 'YYYY-MM') as month from service_rank_alerts
     ${followUpsReady ? `union select distinct to_char(rated_on, 'YYYY-MM') from rollup.service_follow_ups` : ''}
     order by 1 desc limit 60`
  )
  return (rows as { month: string }[]).map((row) => row.month)
}

/**
 * "Service ratings" in the Department of Control: the bodies the sealed
 * monthly ranks flagged (each may become an order to one of the body's
 * departments) and every body's follow-ups, open, overdue and answered;
 * both filtered by month and body (a kind or one body), the follow-ups also
 * by the service's channel and to the bodies with an alert; each paginated.
 */
export default class ControlController {
  async index({ bouncer, request, view, i18n }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('viewControl')
    const [names, registry] = await Promise.all([bodyNames(), tenantRegistry.active()])
    const nameOf = (slug: string) => {
      const name = names.get(slug)
      return name ? (i18n.locale === 'en' ? name.en : name.ru) : slug
    }
    // the bodies: the registry's blocks and municipalities, and any body an alert named that has left the registry
    const kinds = new Map(registry.filter((tenant) => (BODY_KINDS as readonly string[]).includes(tenant.kind)).map((tenant) => [tenant.slug, tenant.kind as string]))
    const inRegistry = new Set(registry.map((tenant) => tenant.slug))
    const bodyOptions = [...new Set([...kinds.keys(), ...names.keys()])]
      .filter((slug) => kinds.has(slug) || !inRegistry.has(slug))
      .map((slug) => ({ slug, kind: kinds.get(slug) ?? '', name: nameOf(slug) }))
      .sort((a, b) => a.name.localeCompare(b.name, i18n.locale))
    const filters = filtersOf(request, new Set(bodyOptions.map((body) => body.slug)))
    const bodies = bodiesOf(filters, kinds)
    const alertsPage = pageNumber(request.input('page'))
    const bodiesPage = pageNumber(request.input('bodiesPage'))
    const [alerts, followUps, departments, canOrder] = await Promise.all([
      alertsQuery(filters, bodies).orderBy('month', 'desc').orderBy('rank', 'desc').orderBy('id', 'desc').paginate(alertsPage, ALERTS_PER_PAGE),
      followUpsPerBody(filters, bodies, bodiesPage),
      remoteDepartments(),
      bouncer.with(OrderPolicy).allows('create'),
    ])
    // each pager keeps the filters and the other pager's page
    const query = queryOf(filters)
    alerts.baseUrl('/service-ratings/control').queryString(bodiesPage > 1 ? { ...query, bodiesPage } : query)
    if (followUps) {
      // the bodies' page travels as `bodiesPage` (Lucid's pager always writes `page`, the alerts' one)
      const others = alertsPage > 1 ? { ...query, page: String(alertsPage) } : query
      followUps.getUrl = (page: number) => `/service-ratings/control?${new URLSearchParams({ ...others, bodiesPage: String(Math.max(1, page)) })}`
    }
    const departmentsOf = (body: string) => departments.filter((department) => department.block === body)
    return view.render('pages/service_ratings/control', {
      alerts: alerts.all().map((alert: any) => ({ ...alert, monthLabel: monthLabel(alert.month), departments: departmentsOf(alert.body_slug) })),
      paginator: alerts,
      followUps: (followUps?.all() ?? []).map((row: any) => ({ ...row, name: nameOf(row.block) })),
      bodiesPaginator: followUps,
      canOrder,
      filters,
      filtered: Object.keys(query).length > 0,
      months: (await monthsOnFile(!!followUps)).map((month) => ({ value: month, label: `${month.slice(5, 7)}.${month.slice(0, 4)}` })),
      channels: SERVICE_CHANNELS,
      blocks: bodyOptions.filter((body) => body.kind === 'block'),
      municipalities: bodyOptions.filter((body) => body.kind !== 'block'),
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
