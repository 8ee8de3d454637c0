import type { HttpContext } from '@adonisjs/core/http'
import type { Translate } from '#modules/lawmaking/services/consultation'

/** The actions' messages (422 per field, 409) in the person's language. */
export function translatorOf(ctx: HttpContext): Translate {
  return (key, data) => ctx.i18n.t(key, data)
}

/**
 * A step the draft's stage does not allow (409, E_FORBIDDEN_TRANSITION):
 * back to `page` with the action's own message — already in the person's
 * language — as a flash error. A request that asks for JSON, and any other
 * error, go on to the exception handler (which answers the 409 as JSON).
 */
export function refused(ctx: HttpContext, error: unknown, page: string) {
  const code = (error as { code?: string })?.code
  if (code !== 'E_FORBIDDEN_TRANSITION' || ctx.request.accepts(['html', 'json']) === 'json') throw error
  ctx.session.flash('errorsBag', { E_FORBIDDEN_TRANSITION: (error as Error).message })
  return ctx.response.redirect(page)
}
