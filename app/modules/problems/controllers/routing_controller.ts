import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import Problem from '#modules/problems/models/problem'
import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { routeProblem } from '#modules/problems/services/routing'
import { resolveTarget, ruleTargetStates, targetGroups } from '#modules/problems/services/directory_targets'
import { manualRouteValidator, ruleValidator, themeValidator } from '#modules/problems/validators/problem_validators'

/**
 * Portal admins keep the routing: rules theme × municipality → a department
 * of a block or of a municipality (a default per theme), chosen from the
 * directory the bodies publish over the bus; the reaction days per theme;
 * and the queue of problems no rule matched or a department sent back.
 * A department nobody works in cannot be chosen (422 on the field).
 */
export default class RoutingController {
  async index({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('route')
    const rules = await RoutingRule.query().preload('theme').preload('municipality').orderBy('theme_id').orderByRaw('municipality_id nulls first')
    const queue = await Problem.query().where('status', 'awaiting_routing').whereNull('hidden_at').preload('theme').preload('municipality').orderBy('created_at').limit(200)
    const lastReturn = new Map<number, Record<string, any>>()
    if (queue.length) {
      const returns = await tenantDb()
        .from('problem_events')
        .whereIn('problem_id', queue.map((problem) => problem.id))
        .where('kind', 'returned')
        .orderBy('id')
      for (const entry of returns) lastReturn.set(entry.problem_id, entry.data)
    }
    return view.render('pages/problems/routing', {
      rules,
      queue,
      lastReturn,
      targetStates: await ruleTargetStates(rules),
      targetGroups: await targetGroups((key, data) => i18n.t(key, data), i18n.locale),
      themes: await ProblemTheme.query().orderBy('position'),
      municipalities: await Municipality.query().orderBy('name_ru'),
    })
  }

  async storeRule(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('route')
    const data = await ctx.request.validateUsing(ruleValidator)
    const target = await resolveTarget(data.target, data.municipalityId ?? null, ctx.i18n.t('problems.routing.foreign_municipality'))
    const rule = await RoutingRule.updateOrCreate(
      { themeId: data.themeId, municipalityId: data.municipalityId ?? null },
      { targetTenant: target.tenant, targetDepartmentCode: target.departmentCode, targetDepartmentName: target.departmentName }
    )
    await recordAudit(actorFromContext(ctx), 'problem_rule.saved', { type: 'problem_rule', id: rule.id }, { ...data })
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.rule_saved'))
    return ctx.response.redirect('/problems/admin/routing')
  }

  async destroyRule(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('route')
    const rule = await RoutingRule.findOrFail(ctx.params.id)
    await rule.delete()
    await recordAudit(actorFromContext(ctx), 'problem_rule.deleted', { type: 'problem_rule', id: rule.id })
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.rule_deleted'))
    return ctx.response.redirect('/problems/admin/routing')
  }

  async updateTheme(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('route')
    const theme = await ProblemTheme.findOrFail(ctx.params.id)
    const { reactionDays } = await ctx.request.validateUsing(themeValidator)
    theme.reactionDays = reactionDays
    await theme.save()
    await recordAudit(actorFromContext(ctx), 'problem_theme.updated', { type: 'problem_theme', id: theme.id }, { reactionDays })
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.theme_saved'))
    return ctx.response.redirect('/problems/admin/routing')
  }

  /** An admin routes a problem by hand (after "not ours", or when no rule matched). */
  async route(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('route')
    const data = await ctx.request.validateUsing(manualRouteValidator)
    const user = ctx.auth.getUserOrFail()
    await tenantDb().transaction(async (trx) => {
      const problem = await Problem.query({ client: trx }).where('id', ctx.params.id).forUpdate().firstOrFail()
      const target = await resolveTarget(data.target, problem.municipalityId, ctx.i18n.t('problems.routing.foreign_municipality'))
      await routeProblem(trx, problem, target, { actorId: user.id, reason: 'admin' })
    })
    await recordAudit(actorFromContext(ctx), 'problem.routed', { type: 'problem', id: ctx.params.id }, { ...data })
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.routed'))
    return ctx.response.redirect('/problems/admin/routing')
  }
}
