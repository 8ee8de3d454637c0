import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Reads the signed-in user, if any, for pages that also serve guests.
 * Deactivated users are logged out on their next request.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant) return next()
    await ctx.auth.check()
    const user = ctx.auth.user
    if (user && user.status !== 'active' && ctx.auth.authenticatedViaGuard === 'web') {
      await ctx.auth.use('web').logout()
    }
    return next()
  }
}
