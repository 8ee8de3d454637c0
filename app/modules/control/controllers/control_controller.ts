import { BODY_KINDS } from '#tenancy/naming'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import Tenant from '#tenancy/tenant'
import { errors } from '#core/errors'
import { SimplePaginator } from '#core/simple_paginator'
import ControlPolicy from '#modules/control/policies/control_policy'
import {
  blockFigures,
  departmentOrders,
  DASHBOARD_AGGREGATES,
  freshness,
  regionFigures,
  riskList,
  rollupAvailable,
  rollupOrder,
} from '#modules/control/services/control_figures'

const PAGE_SIZE = 25

const listValidator = vine.create({
  page: vine.number().positive().withoutDecimals().optional(),
  overdue: vine.boolean().optional(),
})

/** The bodies (blocks and municipalities) by slug, with their names, from the registry. */
async function blockNames() {
  const blocks = await Tenant.query().whereIn('kind', [...BODY_KINDS]).orderBy('slug')
  return new Map(blocks.map((block) => [block.slug, block]))
}

async function blockOrFail(slug: string) {
  const block = (await blockNames()).get(slug)
  if (!block) throw new errors.E_NOT_FOUND(`No block "${slug}"`)
  return block
}

/**
 * The Department of Control's view of the region, read only through the
 * rollup: region → block → department → order, and the overdue and at-risk
 * lists. Figures come from materialized aggregates (the page says how
 * fresh); lists and cards read the live rollup views.
 */
export default class ControlController {
  async #guard({ bouncer, view }: HttpContext) {
    await bouncer.with(ControlPolicy).authorize('view')
    if (!(await rollupAvailable())) return view.render('pages/control/unavailable')
    return null
  }

  async region(ctx: HttpContext) {
    const unavailable = await this.#guard(ctx)
    if (unavailable) return unavailable
    const [figures, blocks, asOf] = await Promise.all([regionFigures(), blockNames(), freshness(DASHBOARD_AGGREGATES)])
    const kindOf = (row: { block: string }) => blocks.get(row.block)?.kind
    // the region's second level: blocks apart from municipalities, the latter worst first
    const groups = [
      { title: ctx.i18n.t('control.by_block'), column: ctx.i18n.t('control.block'), chart: true, rows: figures.blocks.filter((row) => kindOf(row) === 'block') },
      {
        title: ctx.i18n.t('control.by_municipality'),
        column: ctx.i18n.t('control.municipality'),
        chart: false,
        rows: figures.blocks.filter((row) => kindOf(row) === 'municipality').sort((a, b) => b.overdue - a.overdue || b.open - a.open),
      },
    ]
    return ctx.view.render('pages/control/region', { figures, groups, blocks, asOf })
  }

  async block(ctx: HttpContext) {
    const unavailable = await this.#guard(ctx)
    if (unavailable) return unavailable
    const block = await blockOrFail(ctx.params.block)
    const [figures, asOf] = await Promise.all([blockFigures(block.slug), freshness(DASHBOARD_AGGREGATES)])
    return ctx.view.render('pages/control/block', { block, figures, asOf })
  }

  async department(ctx: HttpContext) {
    const unavailable = await this.#guard(ctx)
    if (unavailable) return unavailable
    const block = await blockOrFail(ctx.params.block)
    const departmentId = Number(ctx.params.department)
    const { page = 1, overdue } = await listValidator.validate(ctx.request.qs())
    const figures = await blockFigures(block.slug)
    const department = figures.departments.find((row) => row.department_id === departmentId)
    if (!department) throw new errors.E_NOT_FOUND(`No department ${departmentId} with orders in "${block.slug}"`)
    const rows = await departmentOrders(block.slug, departmentId, { page, perPage: PAGE_SIZE, overdue })
    const orders = new SimplePaginator(rows, page, PAGE_SIZE)
    orders.baseUrl(`/control/blocks/${block.slug}/departments/${departmentId}`).queryString(overdue ? { overdue: 'true' } : {})
    return ctx.view.render('pages/control/department', { block, department, orders, overdue, today: DateTime.now() })
  }

  async order(ctx: HttpContext) {
    const unavailable = await this.#guard(ctx)
    if (unavailable) return unavailable
    const block = await blockOrFail(ctx.params.block)
    const card = await rollupOrder(block.slug, Number(ctx.params.id))
    if (!card) throw new errors.E_NOT_FOUND(`No order ${ctx.params.id} in "${block.slug}"`)
    return ctx.view.render('pages/control/order', { block, ...card, today: DateTime.now() })
  }

  async risks(ctx: HttpContext) {
    const unavailable = await this.#guard(ctx)
    if (unavailable) return unavailable
    const kind = ctx.params.kind === 'at-risk' ? 'at_risk' : 'overdue'
    const { page = 1 } = await listValidator.validate(ctx.request.qs())
    const rows = await riskList(kind, { page, perPage: PAGE_SIZE })
    const orders = new SimplePaginator(rows, page, PAGE_SIZE)
    orders.baseUrl(`/control/${ctx.params.kind}`)
    return ctx.view.render('pages/control/risks', { kind, orders, blocks: await blockNames(), today: DateTime.now() })
  }
}
