import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/wants_json'
import { blockUser, blockedBy, unblockUser } from '#modules/social/conversations/actions/block_user'
import { blockValidator } from '#modules/social/conversations/validators/conversation_validators'
import { memberNames } from '#modules/social/conversations/services/names'
import { sameHostPath } from '#core/safe_redirect'

/** The people a user blocked: list, block, unblock. */
export default class BlocksController {
  async index({ auth, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    response.header('cache-control', 'private, no-store')
    const rows = await blockedBy(user.id)
    const names = await memberNames(rows.map((row) => Number(row.blocked_id)), i18n.locale)
    const blocked = rows.map((row) => ({ userId: Number(row.blocked_id), name: names.get(Number(row.blocked_id))?.name ?? i18n.t('social_conversations.deleted_user'), since: row.created_at }))
    return view.render('pages/social/conversations/blocks', { blocked, noindex: true })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { userId } = await request.validateUsing(blockValidator)
    const done = await blockUser(user.id, userId)
    if (!done) return response.notFound()
    if (wantsJson(request)) return { blocked: userId }
    session.flash('notice', i18n.t('social_conversations.flash.blocked'))
    return response.redirect(sameHostPath(request.input('back'), '/messages/blocks'))
  }

  async destroy({ auth, params, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    await unblockUser(user.id, Number(params.userId))
    if (wantsJson(request)) return { unblocked: Number(params.userId) }
    session.flash('notice', i18n.t('social_conversations.flash.unblocked'))
    return response.redirect(sameHostPath(request.input('back'), '/messages/blocks'))
  }
}
