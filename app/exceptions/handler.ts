import app from '@adonisjs/core/services/app'
import i18nManager from '@adonisjs/i18n/services/main'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { KraiError, isServiceUnavailable } from '#core/errors'
import DetectLocaleMiddleware from '#middleware/detect_locale_middleware'
import { wantsJson as acceptsJson } from '#core/wants_json'

/** Error codes shown as a page of their own, whatever the environment. */
const PAGES: Record<string, { status: number; view: string }> = {
  E_TENANT_NOT_FOUND: { status: 404, view: 'pages/errors/tenant_not_found' },
  E_TENANT_SUSPENDED: { status: 503, view: 'pages/errors/tenant_suspended' },
  E_NOT_FOUND: { status: 404, view: 'pages/errors/not_found' },
  E_ROW_NOT_FOUND: { status: 404, view: 'pages/errors/not_found' },
  E_ROUTE_NOT_FOUND: { status: 404, view: 'pages/errors/not_found' },
  E_AUTHORIZATION_FAILURE: { status: 403, view: 'pages/errors/forbidden' },
}

/** Seconds a client is asked to wait when the database or Redis is saturated. */
const RETRY_AFTER_SECONDS = 5

function wantsJson(ctx: HttpContext) {
  return ctx.request.url().startsWith('/api/') || acceptsJson(ctx.request)
}

/**
 * The page the person came from, when it was a page of this same site (and
 * not the failing page itself): the error page offers the way back to it.
 */
export function previousPage(ctx: HttpContext) {
  const referer = ctx.request.header('referer')
  if (!referer) return null
  try {
    const url = new URL(referer)
    if (url.host !== ctx.request.host() || url.pathname + url.search === ctx.request.url(true)) return null
    return url.pathname + url.search
  } catch {
    return null
  }
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction
  protected renderStatusPages = app.inProduction

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '500..599': (error, { view }) => view.render('pages/errors/server_error', { error }),
  }

  /**
   * Errors raised before the router (unknown host, suspended tenant) have no
   * language yet; pick it the same way the locale middleware does.
   */
  #ensureLocale(ctx: HttpContext) {
    if (!ctx.i18n) {
      ctx.i18n = i18nManager.locale(DetectLocaleMiddleware.localeFor(ctx))
    }
    ctx.view.share({ i18n: ctx.i18n, locale: ctx.i18n.locale, tenant: ctx.tenant ?? null, navigation: null })
  }

  async handle(error: unknown, ctx: HttpContext) {
    const code = (error as { code?: string })?.code
    // No free database connection, or PostgreSQL/Redis down: busy, not broken; say when to come back.
    if (isServiceUnavailable(error)) {
      this.#ensureLocale(ctx)
      ctx.response.status(503).header('Retry-After', String(RETRY_AFTER_SECONDS))
      const message = ctx.i18n.t('errors.unavailable_text')
      if (wantsJson(ctx)) return ctx.response.json({ errors: [{ code: 'E_SERVICE_UNAVAILABLE', message }] })
      return ctx.response.send(await ctx.view.render('pages/errors/unavailable'))
    }
    const page = code ? PAGES[code] : undefined
    // A voice draft whose text is still the placeholder: the text field is what needs attention.
    if (code === 'E_TEXT_PENDING') {
      this.#ensureLocale(ctx)
      const message = ctx.i18n.t('orders.errors.text_pending')
      if (wantsJson(ctx) || !ctx.session) return ctx.response.status(422).json({ errors: [{ field: 'text', rule: 'text_pending', message }] })
      ctx.session.flash('errorsBag', { [code]: message })
      return ctx.response.redirect().back()
    }
    if (code === 'E_FORBIDDEN_TRANSITION' && wantsJson(ctx)) {
      return ctx.response.status(409).json({ errors: [{ code, message: (error as Error).message }] })
    }
    if (page) {
      ctx.response.status(page.status)
      if (wantsJson(ctx)) {
        const message = error instanceof KraiError ? error.message : page.status === 403 ? 'Forbidden' : 'Not found'
        return ctx.response.json({ errors: [{ code, message }] })
      }
      this.#ensureLocale(ctx)
      return ctx.response.send(await ctx.view.render(page.view, { error, back: previousPage(ctx) }))
    }
    // A step the status does not allow: the page explains it and shows the card again.
    if (code === 'E_FORBIDDEN_TRANSITION' && !wantsJson(ctx) && ctx.session) {
      ctx.session.flash('errorsBag', { [code]: ctx.i18n.t('orders.errors.forbidden_transition') })
      return ctx.response.redirect().back()
    }
    if (error instanceof KraiError && !wantsJson(ctx) && (error.status ?? 500) >= 500) {
      this.#ensureLocale(ctx)
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    // reported once, with what actually failed (the sign-in logs its own cause)
    if ((error as { code?: string })?.code === 'E_SERVICE_UNAVAILABLE' && (error as Error).cause) return
    return super.report(error, ctx)
  }
}
