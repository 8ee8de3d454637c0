import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import { withFileNames } from '#core/uploads/upload_messages'

export const LOCALE_COOKIE = 'krai-locale'

/**
 * Chooses the language of a request: the signed-in user's choice, then the
 * language cookie set by the switcher, then Russian. The browser's
 * Accept-Language is deliberately not used: the office works in Russian
 * unless a person asks for English.
 */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => withFileNames(ctx.i18n.createMessagesProvider())
  }

  static localeFor(ctx: HttpContext) {
    const wanted = [ctx.auth?.user?.locale, ctx.request.plainCookie(LOCALE_COOKIE), ctx.request.header('x-locale')]
    const supported = i18nManager.supportedLocales()
    return wanted.find((locale): locale is string => !!locale && supported.includes(locale)) ?? i18nManager.defaultLocale
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(DetectLocaleMiddleware.localeFor(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    if ('view' in ctx) ctx.view.share({ i18n: ctx.i18n })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
