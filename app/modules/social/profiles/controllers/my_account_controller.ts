import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { actorFromContext } from '#core/audit'
import { wantsJson } from '#core/wants_json'
import { clockDate } from '#core/clock'
import ProfilePolicy from '#modules/social/profiles/policies/profile_policy'
import { AUDIENCES } from '#modules/social/profiles/models/social_profile'
import { savePrivacy } from '#modules/social/profiles/actions/save_privacy'
import { deleteAccount } from '#modules/social/profiles/actions/delete_account'
import { personalDataParts } from '#modules/social/profiles/personal_data'
import { personById } from '#modules/social/profiles/services/people'
import { deletionValidator, privacyValidator } from '#modules/social/profiles/validators/profile_validators'
import { profilesMessages } from '#modules/social/profiles/services/messages'
import { noindex } from '#modules/social/profiles/services/pages'

/** Password guesses on the deletion form, per person (the sign-in form has its own limit). */
const deletionLimiter = () => limiter.use({ requests: 5, duration: '15 minutes' })

/** A user's own settings and data: privacy, export (JSON) and deletion of the account. */
export default class MyAccountController {
  async privacy({ auth, bouncer, view, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    noindex(response)
    return view.render('pages/social/profiles/privacy', { person: await personById(auth.getUserOrFail().id), audiences: AUDIENCES })
  }

  async savePrivacy(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const input = await ctx.request.validateUsing(privacyValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const user = ctx.auth.getUserOrFail()
    const person = await personById(user.id)
    await savePrivacy(user, input, person?.displayName ?? user.fullName)
    if (wantsJson(ctx.request)) return ctx.response.json({ message: ctx.i18n.t('social_profiles.flash.privacy_saved') })
    ctx.session.flash('notice', ctx.i18n.t('social_profiles.flash.privacy_saved'))
    return ctx.response.redirect('/people/me/privacy')
  }

  async exportPage({ bouncer, view, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    noindex(response)
    return view.render('pages/social/profiles/export')
  }

  /** Everything every area holds about me, as one JSON file (private content included: it is mine). */
  async download({ auth, bouncer, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    const user = auth.getUserOrFail()
    const data: Record<string, unknown> = {}
    for (const part of await personalDataParts()) data[part.name] = await part.export(user.id)
    noindex(response)
    response.header('cache-control', 'private, no-store')
    response.header('content-type', 'application/json; charset=utf-8')
    response.header('content-disposition', `attachment; filename="krai-my-data-${user.id}.json"`)
    return JSON.stringify({ exportedAt: clockDate().toISOString(), account: { id: user.id, email: user.email, fullName: user.fullName, createdAt: user.createdAt }, ...data }, null, 2)
  }

  async deleteForm({ bouncer, view, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    noindex(response)
    return view.render('pages/social/profiles/delete')
  }

  async destroy(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const { password } = await ctx.request.validateUsing(deletionValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const user = ctx.auth.getUserOrFail()
    const t = (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
    const done = await deletionLimiter().attempt(`social:delete:${ctx.tenant.slug}:${user.id}`, async () => {
      await deleteAccount(user.id, password, actorFromContext(ctx), t)
      return true
    })
    if (!done) {
      ctx.response.status(429)
      return wantsJson(ctx.request) ? { message: t('social_profiles.flash.too_fast') } : t('social_profiles.flash.too_fast')
    }
    await ctx.auth.use('web').logout()
    if (wantsJson(ctx.request)) return ctx.response.json({ message: t('social_profiles.flash.deleted') })
    ctx.session.flash('notice', t('social_profiles.flash.deleted'))
    return ctx.response.redirect('/')
  }
}
