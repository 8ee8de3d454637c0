import type { HttpContext } from '@adonisjs/core/http'
import type { Translate } from '#modules/lawmaking/services/consultation'
import { wantsJson } from '#core/wants_json'

/** The actions' messages (422 per field, 409) in the person's language. */
export function translatorOf(ctx: HttpContext): Translate {
  return (key, data) => ctx.i18n.t(key, data)
}

/**
 * A step the state does not allow (409, E_FORBIDDEN_TRANSITION): back to
 * `page` (or the page the form was on) with the action's own message —
 * already in the person's language — as a flash error. A request that asks
 * for JSON, and any other error, go on to the exception handler (which
 * answers the 409 as JSON).
 */
export function refused(ctx: HttpContext, error: unknown, page?: string) {
  const code = (error as { code?: string })?.code
  if (code !== 'E_FORBIDDEN_TRANSITION' || wantsJson(ctx.request)) throw error
  ctx.session.flash('errorsBag', { E_FORBIDDEN_TRANSITION: (error as Error).message })
  return page ? ctx.response.redirect(page) : ctx.response.redirect().back()
}

/** Runs a form's action; a refused step goes back to the form's page (see `refused`). */
export async function orBack<T>(ctx: HttpContext, action: () => Promise<T>): Promise<T | void> {
  try {
    return await action()
  } catch (error) {
    return refused(ctx, error)
  }
}
