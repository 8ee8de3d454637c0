import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import RemarkPolicy from '#modules/lawmaking/policies/remark_policy'
import { moderateRemark } from '#modules/lawmaking/actions/moderate_remark'
import { moderationValidator } from '#modules/lawmaking/validators/portal_validators'

/**
 * Moderators and admins hide a remark with a reason (the timeline says so)
 * and restore it; both audited. The author and moderators still see a
 * hidden remark, marked.
 */
export default class ModerationController {
  async hide(ctx: HttpContext) {
    return this.#moderate(ctx, true)
  }

  async restore(ctx: HttpContext) {
    return this.#moderate(ctx, false)
  }

  async #moderate(ctx: HttpContext, hide: boolean) {
    await ctx.bouncer.with(RemarkPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(moderationValidator, { messagesProvider: moduleMessages(ctx.i18n, 'lawmaking') })
    const remark = await moderateRemark(Number(ctx.params.id), hide, reason, actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t(hide ? 'lawmaking.flash.hidden' : 'lawmaking.flash.restored'))
    // hidden from the moderators' queue: back to the queue
    if (ctx.request.input('from') === 'queue') return ctx.response.redirect('/lawmaking/moderation')
    return ctx.response.redirect(`/lawmaking/drafts/${remark.draftId}/clauses/${remark.clauseKey}#remark-${remark.id}`)
  }
}
