import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#modules/identity/validators/session_validators'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'
import { sameHostPath } from '#core/safe_redirect'

/**
 * The language switch: remembers the choice in a cookie and, for a
 * signed-in user, on the account.
 */
export default class LocaleController {
  async update({ request, response, auth }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    if (auth.user) {
      auth.user.locale = locale
      await auth.user.save()
    }
    return response.redirect(sameHostPath(request.input('back')))
  }
}
