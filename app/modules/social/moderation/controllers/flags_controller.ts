import type { HttpContext } from '@adonisjs/core/http'
import { moduleMessages } from '#core/module_messages'
import { wantsJson } from '#core/wants_json'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import { flagValidator } from '#modules/social/moderation/validators/moderation_validators'
import { flagItem, flagLimiter, flagLimiterKey } from '#modules/social/moderation/actions/flag'
import { moderatedKind } from '#modules/social/moderation/registry'

/**
 * `POST /moderation/flags`: the one flag endpoint behind the flag component
 * (components/social/moderation/flag.edge) for every moderated kind. Signed-in,
 * active users; once per item; rate-limited; back to where the form was.
 */
export default class FlagsController {
  async store(ctx: HttpContext) {
    const { auth, i18n, request, response, session } = ctx
    const json = wantsJson(request)
    const user = auth.getUserOrFail()
    const back = () => (json ? response : response.redirect().back())
    const refuse = (status: 403 | 409 | 429, code: string, message: string) => {
      if (json) return response.status(status).json({ errors: [{ code, message }] })
      session.flash('errorsBag', { [code]: message })
      return back()
    }
    if (!user.isActive) return refuse(403, 'E_INACTIVE', i18n.t('social_moderation.flag.inactive'))
    // as for law-making's remarks: a citizen who registered confirms the address before flagging (fewer throwaway accounts)
    if (!(await hasConfirmedEmail(user))) return refuse(403, 'E_UNCONFIRMED', i18n.t('social_moderation.flag.unconfirmed'))
    const { kind, id, reason, note } = await request.validateUsing(flagValidator, { messagesProvider: moduleMessages(i18n, 'social_moderation') })
    const outcome = await flagLimiter().attempt(flagLimiterKey(ctx.tenant.slug, user.id), () => flagItem(kind, id, user.id, reason, note ?? null))
    if (outcome === undefined) return refuse(429, 'E_TOO_MANY_REQUESTS', i18n.t('social_moderation.flag.too_many'))
    if (outcome === 'already') return refuse(409, 'E_ALREADY_FLAGGED', i18n.t('social_moderation.flag.already'))
    const message = i18n.t('social_moderation.flag.done')
    if (json) return response.created({ flagged: true, hidden: outcome === 'hidden', message })
    // this flag hid the item: when the form was on the item's own page, that page is now a 404 for the reporter
    if (outcome === 'hidden' && (await wasOnItsOwnPage(ctx, kind, id))) {
      session.flash('notice', i18n.t('social_moderation.flag.done_hidden'))
      return response.redirect('/')
    }
    session.flash('notice', message)
    return back()
  }
}

/** Whether the flag form was posted from the page that went with the item (a kind's `ownPage` at its `url`). */
async function wasOnItsOwnPage(ctx: HttpContext, kind: string, id: number) {
  const described = await moderatedKind(kind)
  const content = described?.ownPage ? await described.load(id) : null
  const referrer = ctx.request.header('referer')
  if (!content || !referrer) return false
  try {
    return new URL(referrer).pathname === content.url.split('#')[0].split('?')[0]
  } catch {
    return false
  }
}
