import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantScope } from '#tenancy/tenant_scope'
import { bus } from '#bus/bus'
import Department from '#modules/identity/models/department'
import PriorityPolicy from '#modules/priorities/policies/priority_policy'
import { CreateOrderFromPriority } from '#modules/priorities/actions/order_from_priority'
import { orBack } from '#modules/lawmaking/controllers/refusals'

const proposalValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(300),
  description: vine.string().trim().minLength(10).maxLength(5000),
  category: vine.string().trim().minLength(2).maxLength(100),
})

const orderValidator = vine.create({
  portal: vine.string().trim().maxLength(64),
  quarter: vine.string().trim().regex(/^\d{4}-Q[1-4]$/),
  version: vine.number().withoutDecimals().min(1),
  priorityId: vine.number().withoutDecimals().positive(),
  departmentId: vine.number().withoutDecimals().positive(),
})

/**
 * In a municipality: the sealed priority ranks of its residents; in a
 * block: the ranks of the priorities it is responsible for. As the portal
 * sent them (latest version of each quarter), and an order from a priority
 * to one of the body's departments.
 */
export default class ReceivedResultsController {
  async index({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(PriorityPolicy).authorize('actOnResults')
    const rows = await tenantDb()
      .from('priority_received_results as r')
      .whereRaw('r.version = (select max(version) from priority_received_results l where l.portal = r.portal and l.quarter = r.quarter)')
      .leftJoin('orders as o', 'o.id', 'r.order_id')
      .select('r.*', 'o.number as order_number')
      .orderBy('r.quarter', 'desc')
      .orderBy('r.rank')
    const quarters = [...new Set(rows.map((row) => row.quarter as string))]
    const departments = await Department.query().where('is_active', true).orderBy('name_ru')
    return view.render('pages/priorities/received', {
      // a block gets the ranks of its priorities; only a municipality proposes priorities for its residents
      isMunicipality: tenantScope.currentOrFail().kind === 'municipality',
      quarters: quarters.map((quarter) => ({ quarter, rows: rows.filter((row) => row.quarter === quarter) })),
      departmentOptions: departments.map((department) => ({ value: department.id, label: i18n.locale === 'en' ? department.nameEn : department.nameRu })),
    })
  }

  /** The administration proposes a priority for its residents; the portal's admins publish it. */
  async propose(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('actOnResults')
    if (tenantScope.currentOrFail().kind !== 'municipality') return ctx.response.notFound()
    const input = await ctx.request.validateUsing(proposalValidator)
    const portals = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal')
    await tenantDb().transaction(async (trx) => {
      await bus.sendMany(
        trx,
        portals.map((portal) => ({
          to: portal.slug,
          type: 'priorities.proposed' as const,
          payload: { title: input.title, description: input.description, category: input.category, responsibleBody: null },
        }))
      )
    })
    ctx.session.flash('notice', ctx.i18n.t('priorities.flash.proposed'))
    return ctx.response.redirect('/priorities/received')
  }

  async order(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('actOnResults')
    const input = await ctx.request.validateUsing(orderValidator)
    return orBack(ctx, async () => {
      const order = await new CreateOrderFromPriority().handle(input, input.departmentId, ctx.auth.getUserOrFail(), ctx.i18n)
      ctx.session.flash('notice', ctx.i18n.t('priorities.flash.order_created', { number: order.number }))
      return ctx.response.redirect('/priorities/received')
    })
  }
}
