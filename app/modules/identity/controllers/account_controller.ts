import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { accountValidator } from '#modules/identity/validators/session_validators'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'
import AccountPolicy from '#modules/identity/policies/account_policy'

/**
 * The signed-in user's own settings: language and e-mail notifications.
 */
export default class AccountController {
  async show({ bouncer, view }: HttpContext) {
    await bouncer.with(AccountPolicy).authorize('edit')
    return view.render('pages/account/show')
  }

  async update({ auth, bouncer, request, response, session }: HttpContext) {
    await bouncer.with(AccountPolicy).authorize('edit')
    const user = auth.getUserOrFail()
    const { locale, emailNotifications } = await request.validateUsing(accountValidator)
    user.merge({ locale, emailNotifications: emailNotifications ?? false })
    await user.save()
    response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    // Confirmed in the language just chosen.
    session.flash('notice', i18nManager.locale(locale).t('account.saved'))
    return response.redirect('/account')
  }
}
