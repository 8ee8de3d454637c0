import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativePolicy from '#modules/lawmaking/policies/initiative_policy'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { ForwardInitiative } from '#modules/lawmaking/actions/initiatives/forward_initiative'
import { forwardValidator, moderationReasonValidator } from '#modules/lawmaking/validators/initiative_validators'

/**
 * The portal's moderators: initiatives waiting for moderation and those
 * under discussion (ready ones first) with the way to publish, reject or
 * forward each.
 */
export default class InitiativeModerationController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(InitiativePolicy).authorize('moderate')
    const [waiting, discussed] = await Promise.all([
      Initiative.query().where('status', 'moderation').orderBy('created_at').orderBy('id'),
      Initiative.query().where('status', 'discussion').orderByRaw('ready_at is null').orderBy('ready_at').orderBy('published_at').limit(200),
    ])
    return view.render('pages/lawmaking/initiatives/moderation', { waiting, discussed })
  }

  async publish(ctx: HttpContext) {
    await ctx.bouncer.with(InitiativePolicy).authorize('moderate')
    const initiative = await new ModerateInitiative().handle(Number(ctx.params.id), 'publish', null, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t('lawmaking_initiatives.flash.published'))
    return ctx.response.redirect(`/lawmaking/initiatives/${initiative.id}`)
  }

  async reject(ctx: HttpContext) {
    await ctx.bouncer.with(InitiativePolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(moderationReasonValidator, { messagesProvider: moduleMessages(ctx.i18n, 'lawmaking_initiatives') })
    const initiative = await new ModerateInitiative().handle(Number(ctx.params.id), 'reject', reason, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t('lawmaking_initiatives.flash.rejected'))
    return ctx.response.redirect(`/lawmaking/initiatives/${initiative.id}`)
  }

  async forward(ctx: HttpContext) {
    await ctx.bouncer.with(InitiativePolicy).authorize('moderate')
    const { target } = await ctx.request.validateUsing(forwardValidator, { messagesProvider: moduleMessages(ctx.i18n, 'lawmaking_initiatives') })
    const initiative = await new ForwardInitiative().handle(Number(ctx.params.id), target, actorFromContext(ctx), (key, data) => ctx.i18n.t(key, data))
    ctx.session.flash('notice', ctx.i18n.t('lawmaking_initiatives.flash.forwarded'))
    return ctx.response.redirect(`/lawmaking/initiatives/${initiative.id}`)
  }
}
