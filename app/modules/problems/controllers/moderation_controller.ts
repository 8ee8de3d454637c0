import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { ModerateProblem } from '#modules/problems/actions/moderate_problem'
import { reasonValidator } from '#modules/problems/validators/problem_validators'

/**
 * Moderators' queue: problems citizens flagged, and those hidden, with the
 * flags' reasons; hide and restore with a reason (audited).
 */
export default class ModerationController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('moderate')
    const flagged = await Problem.query().where('open_flags_count', '>', 0).whereNull('hidden_at').preload('theme').orderBy('open_flags_count', 'desc').limit(100)
    const hidden = await Problem.query().whereNotNull('hidden_at').preload('theme').orderBy('hidden_at', 'desc').limit(100)
    const reasons: { problem_id: number; reason: string }[] = await tenantDb()
      .from('problem_flags')
      .whereIn('problem_id', flagged.map((problem) => problem.id))
      .whereNull('resolved_at')
      .select('problem_id', 'reason')
      .orderBy('id')
    return view.render('pages/problems/moderation', { flagged, hidden, reasons })
  }

  async hide(ctx: HttpContext) {
    return this.#decide(ctx, 'hide')
  }

  async restore(ctx: HttpContext) {
    return this.#decide(ctx, 'restore')
  }

  async #decide(ctx: HttpContext, decision: 'hide' | 'restore') {
    await ctx.bouncer.with(ProblemPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    const problem = await new ModerateProblem().handle(Number(ctx.params.id), decision, reason, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t(`problems.flash.${decision === 'hide' ? 'hidden' : 'restored'}`))
    return ctx.response.redirect(`/problems/${problem.id}`)
  }
}
