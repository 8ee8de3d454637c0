import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import RemarkPolicy from '#modules/lawmaking/policies/remark_policy'
import { dismissFlags, flagLimiter, flagLimiterKey, flagRemark } from '#modules/lawmaking/actions/flag_remark'
import { findRemark, flagReasons, flaggedCount, flaggedRemarks } from '#modules/lawmaking/services/public_remarks'
import { flagValidator } from '#modules/lawmaking/validators/portal_validators'
import { wantsJson } from '#core/wants_json'

/** How many flagged remarks the queue shows at once (the rest come as these are dealt with). */
const QUEUE_SIZE = 100

/**
 * Citizens flag someone else's remark (once, with an optional reason,
 * LAWMAKING_FLAGS_PER_HOUR an hour); the moderators' queue lists the
 * flagged remarks, most flags first, to hide with a reason (the existing
 * hide action) or to dismiss the flags; both audited.
 */
export default class FlagsController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, i18n, request, response, session } = ctx
    const json = wantsJson(request)
    const user = auth.getUserOrFail()
    const remark = await findRemark(Number(ctx.params.id), { id: user.id, moderator: false })
    if (!remark || remark.hiddenAt) throw new errors.E_NOT_FOUND(`No remark ${ctx.params.id}`)
    await bouncer.with(RemarkPolicy).authorize('flag', remark)
    const back = `/lawmaking/drafts/${remark.draftId}/clauses/${remark.clauseKey}#remark-${remark.id}`
    const refuse = (status: 403 | 409 | 429, code: string, message: string) => {
      if (json) return response.status(status).json({ errors: [{ code, message }] })
      session.flash('errorsBag', { [code]: message })
      return response.redirect(back)
    }
    if (!(await hasConfirmedEmail(user))) return refuse(403, 'E_UNCONFIRMED', i18n.t('lawmaking.remarks.unconfirmed'))
    const { reason } = await request.validateUsing(flagValidator, { messagesProvider: moduleMessages(i18n, 'lawmaking') })
    // undefined past the hourly limit, false when this citizen had flagged it already
    const flagged = await flagLimiter().attempt(flagLimiterKey(ctx.tenant.slug, user.id), () => flagRemark(remark.id, user, reason ?? null))
    if (flagged === undefined) return refuse(429, 'E_TOO_MANY_REQUESTS', i18n.t('lawmaking.flags.too_many'))
    if (!flagged) return refuse(409, 'E_ALREADY_FLAGGED', i18n.t('lawmaking.flags.already'))
    if (json) return response.created({ flagged: true, message: i18n.t('lawmaking.flash.flagged') })
    session.flash('notice', i18n.t('lawmaking.flash.flagged'))
    return response.redirect(back)
  }

  /** The moderators' queue: flagged remarks not dealt with yet, most flags first, with the reasons given. */
  async queue({ bouncer, view }: HttpContext) {
    await bouncer.with(RemarkPolicy).authorize('moderate')
    const remarks = await flaggedRemarks(QUEUE_SIZE)
    return view.render('pages/lawmaking/portal/moderation', {
      remarks,
      total: await flaggedCount(),
      reasons: await flagReasons(remarks.map((remark) => remark.id)),
    })
  }

  /** Nothing wrong with the remark: its flags are cleared (audited) and it leaves the queue. */
  async dismiss(ctx: HttpContext) {
    await ctx.bouncer.with(RemarkPolicy).authorize('moderate')
    await dismissFlags(Number(ctx.params.id), actorFromContext(ctx))
    ctx.session.flash('notice', ctx.i18n.t('lawmaking.flash.flags_dismissed'))
    return ctx.response.redirect('/lawmaking/moderation')
  }
}
