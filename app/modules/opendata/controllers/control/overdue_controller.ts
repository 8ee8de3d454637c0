import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { REGION_ZONE } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { BODY_KINDS } from '#tenancy/naming'
import Tenant from '#tenancy/tenant'
import ControlPolicy from '#modules/control/policies/control_policy'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { freshnessOf, overdueSql } from '#modules/opendata/services/freshness'
import type { Frequency } from '#modules/opendata/models/passport_columns'

const PAGE_SIZE = 50
/** Identifiers named in a prefilled order's text (the rest are counted). */
const NAMED_IN_ORDER = 10
const SLUG = /^[a-z][a-z0-9_]{1,40}$/

async function rollupHasOpendata() {
  const result = await tenantDb().rawQuery(`select to_regclass('rollup.opendata_datasets') is not null as ready`)
  return result.rows[0].ready as boolean
}

/**
 * The Department of Control's list of overdue open datasets (not updated
 * within their frequency) of every body, read only through the rollup view
 * `rollup.opendata_datasets` (identifier, title, frequency, last
 * publication): per body the count, and a body's datasets page by page,
 * with «Выдать поручение» opening the order form prefilled for that body.
 */
export default class OverdueController {
  async index(ctx: HttpContext) {
    const { bouncer, view, request, i18n } = ctx
    await bouncer.with(ControlPolicy).authorize('view')
    if (!(await rollupHasOpendata())) return view.render('pages/control/unavailable')
    const now = DateTime.now()
    const today = now.setZone(REGION_ZONE).toISODate()!
    const overdue = overdueSql('f.frequency', 'f.current_as_of')
    const summary = await tenantDb().rawQuery(
      `select f.block, count(*) filter (where ${overdue})::int as overdue, count(*)::int as published
         from rollup.opendata_datasets f
        group by f.block
       having count(*) filter (where ${overdue}) > 0
        order by 2 desc, f.block`,
      [today, today]
    )
    const bodies = new Map((await Tenant.query().whereIn('kind', [...BODY_KINDS])).map((body) => [body.slug, body.name(i18n.locale)]))
    const qs = request.qs()
    const chosen = typeof qs.body === 'string' && SLUG.test(qs.body) ? qs.body : (summary.rows[0]?.block ?? null)

    let datasets: KeysetPaginator<any> | null = null
    if (chosen) {
      const cursor = keysetCursor(qs)
      const query = tenantDb()
        .from('rollup.opendata_datasets as f')
        .where('f.block', chosen)
        .whereRaw(overdue, [today])
        .select('f.id', 'f.identifier', 'f.title_ru', 'f.title_en', 'f.frequency', 'f.generated', 'f.last_published_at', 'f.current_as_of')
        .limit(KeysetPaginator.limitFor(PAGE_SIZE))
      if (cursor.after !== undefined) query.where('f.id', '>', cursor.after).orderBy('f.id', 'asc')
      else if (cursor.before !== undefined) query.where('f.id', '<', cursor.before).orderBy('f.id', 'desc')
      else query.orderBy('f.id', 'asc')
      const rows = (await query).map((row) => ({ ...row, freshness: freshnessOf(row.frequency as Frequency, row.current_as_of, now) }))
      datasets = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/control/opendata').queryString({ body: chosen })
    }

    const mayOrder = await bouncer.with(OrderPolicy).allows('create')
    const orderLinks = mayOrder ? await prefilledOrders(summary.rows.map((row: { block: string }) => row.block), bodies, today, i18n.t.bind(i18n)) : new Map<string, string>()
    return view.render('pages/opendata/control/index', { summary: summary.rows, bodies, chosen, datasets, orderLinks })
  }
}

/**
 * The order form prefilled for each body: its first department (as the
 * form lists them) responsible, and a text naming its overdue datasets.
 */
async function prefilledOrders(blocks: string[], bodies: Map<string, string>, today: string, t: (key: string, data?: Record<string, unknown>) => string) {
  const links = new Map<string, string>()
  if (!blocks.length) return links
  const [departments, overdue] = await Promise.all([
    tenantDb().rawQuery(
      `select distinct on (block) block, code from rollup.departments where block = any(?) and is_active order by block, name_ru`,
      [blocks]
    ),
    tenantDb().rawQuery(
      `select block, identifier from (
         select f.block, f.identifier, row_number() over (partition by f.block order by f.id) as n
           from rollup.opendata_datasets f
          where f.block = any(?) and ${overdueSql('f.frequency', 'f.current_as_of')}
       ) named where n <= ? order by block, n`,
      [blocks, today, NAMED_IN_ORDER + 1]
    ),
  ])
  for (const block of blocks) {
    const department = departments.rows.find((row: { block: string }) => row.block === block)
    const identifiers = overdue.rows.filter((row: { block: string }) => row.block === block).map((row: { identifier: string }) => row.identifier)
    const text = t('opendata_generated.control.order_text', { body: bodies.get(block) ?? block, datasets: identifiers.slice(0, NAMED_IN_ORDER).join(', '), more: identifiers.length > NAMED_IN_ORDER ? 1 : 0 })
    const params = new URLSearchParams({ basis: t('opendata_generated.control.order_basis'), text })
    if (department) params.set('responsible', `remote:${block}:${department.code}`)
    links.set(block, `/orders/new?${params.toString()}`)
  }
  return links
}
