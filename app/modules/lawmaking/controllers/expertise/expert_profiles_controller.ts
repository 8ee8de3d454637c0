import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import ExpertPolicy from '#modules/lawmaking/policies/expert_policy'
import ExpertProfile, { EXPERT_FIELDS } from '#modules/lawmaking/models/expert_profile'
import { applyAsExpert, reviewExpert } from '#modules/lawmaking/actions/expertise/review_expert'
import { translatorOf } from '#modules/lawmaking/controllers/refusals'
import { expertProfileValidator, reviewValidator } from '#modules/lawmaking/validators/expertise_validators'

/** The portal: a user's application to be an expert, and the moderators' queue of applications. */
export default class ExpertProfilesController {
  async show({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(ExpertPolicy).authorize('apply')
    const user = auth.getUserOrFail()
    return view.render('pages/lawmaking/expertise/profile', { profile: await ExpertProfile.findBy('user_id', user.id), user, fields: EXPERT_FIELDS })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(ExpertPolicy).authorize('apply')
    const input = await ctx.request.validateUsing(expertProfileValidator)
    await applyAsExpert(ctx.auth.getUserOrFail(), input, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.applied'))
    return ctx.response.redirect('/lawmaking/expert-profile')
  }

  async moderation({ bouncer, view }: HttpContext) {
    await bouncer.with(ExpertPolicy).authorize('moderate')
    const profiles = await ExpertProfile.query().preload('user').orderByRaw(`case status when 'pending' then 0 when 'verified' then 1 else 2 end`).orderBy('id', 'desc').limit(300)
    return view.render('pages/lawmaking/expertise/moderation', { profiles })
  }

  async verify(ctx: HttpContext) {
    return this.#review(ctx, 'verify')
  }

  async reject(ctx: HttpContext) {
    return this.#review(ctx, 'reject')
  }

  async #review(ctx: HttpContext, verdict: 'verify' | 'reject') {
    await ctx.bouncer.with(ExpertPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(reviewValidator)
    await reviewExpert(Number(ctx.params.id), verdict, reason ?? null, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
    ctx.session.flash('notice', ctx.i18n.t(`lawmaking_expertise.flash.${verdict === 'verify' ? 'verified' : 'rejected'}`))
    return ctx.response.redirect('/lawmaking/experts/moderation')
  }
}
