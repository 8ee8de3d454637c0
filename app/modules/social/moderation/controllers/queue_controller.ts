import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import { idParam, moderatorOrFail } from '#modules/social/moderation/services/access'
import { queuePage } from '#modules/social/moderation/services/queue'
import { decideCase, type CaseAction } from '#modules/social/moderation/actions/decide'
import { decisionValidator, queueFiltersValidator } from '#modules/social/moderation/validators/moderation_validators'
import { flagReasons } from '#modules/social/moderation/registry'

const notices: Record<CaseAction, string> = { hide: 'social_moderation.flash.hidden', restore: 'social_moderation.flash.restored', dismiss: 'social_moderation.flash.dismissed' }

/**
 * The portal's one moderation queue (moderators and admins): every kind
 * registered in registry.ts, filtered by kind, state and reason, oldest
 * first; hide, restore or dismiss with a reason (the author is told).
 */
export default class QueueController {
  async index(ctx: HttpContext) {
    moderatorOrFail(ctx)
    // filters nobody understands are dropped, not an error
    const filters = await queueFiltersValidator.validate(ctx.request.qs()).catch(() => ({}) as Record<string, never>)
    const { page, items, kinds } = await queuePage(filters)
    const query = Object.fromEntries(Object.entries({ kind: filters.kind, state: filters.state, reason: filters.reason }).filter(([, value]) => value))
    page.baseUrl('/moderation').queryString(query)
    return ctx.view.render('pages/social/moderation/queue', {
      page,
      items,
      kinds,
      reasons: flagReasons,
      filters: { state: 'pending', ...filters },
    })
  }

  async hide(ctx: HttpContext) {
    return this.#decide(ctx, 'hide')
  }

  async restore(ctx: HttpContext) {
    return this.#decide(ctx, 'restore')
  }

  async dismiss(ctx: HttpContext) {
    return this.#decide(ctx, 'dismiss')
  }

  async #decide(ctx: HttpContext, action: CaseAction) {
    const moderator = moderatorOrFail(ctx)
    const { reason } = await ctx.request.validateUsing(decisionValidator, { messagesProvider: moduleMessages(ctx.i18n, 'social_moderation') })
    await decideCase(idParam(ctx), action, reason, { ...actorFromContext(ctx), id: moderator.id })
    ctx.session.flash('notice', ctx.i18n.t(notices[action]))
    return ctx.response.redirect().back()
  }
}
