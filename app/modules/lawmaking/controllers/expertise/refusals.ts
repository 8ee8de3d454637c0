import type { HttpContext } from '@adonisjs/core/http'

/**
 * Runs a form's action; a step the state does not allow (409) goes back to
 * the page with the action's own message (a JSON client gets the 409).
 */
export async function orBack<T>(ctx: HttpContext, action: () => Promise<T>): Promise<T | void> {
  try {
    return await action()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code !== 'E_FORBIDDEN_TRANSITION' || ctx.request.accepts(['html', 'json']) === 'json') throw error
    ctx.session.flash('errorsBag', { [code]: (error as Error).message })
    return ctx.response.redirect().back()
  }
}

/** Translates lawmaking_expertise messages for actions (as the other law-making actions take `t`). */
export function translator(ctx: HttpContext) {
  return (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
}
