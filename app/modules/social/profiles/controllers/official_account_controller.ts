import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { wantsJson } from '#core/wants_json'
import ProfilePolicy from '#modules/social/profiles/policies/profile_policy'
import { bodyAccount, publishOfficialAccount } from '#modules/social/profiles/actions/publish_official_account'
import { officialAccountValidator } from '#modules/social/profiles/validators/profile_validators'
import { profilesMessages } from '#modules/social/profiles/services/messages'

/** In a body (block or municipality): its admin keeps the body's official account on the portal. */
export default class OfficialAccountController {
  async edit({ bouncer, view }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('manageOfficialAccount')
    return view.render('pages/social/profiles/official_account', { account: await bodyAccount() })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('manageOfficialAccount')
    const { about } = await ctx.request.validateUsing(officialAccountValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const portals = await publishOfficialAccount(ctx.auth.getUserOrFail(), about ?? '', actorFromContext(ctx))
    const message = ctx.i18n.t('social_profiles.flash.official_published', { count: portals })
    if (wantsJson(ctx.request)) return ctx.response.json({ message, portals })
    ctx.session.flash('notice', message)
    return ctx.response.redirect('/official-account')
  }
}
