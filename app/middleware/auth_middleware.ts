import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { errors } from '@adonisjs/auth'

/**
 * Denies access to guests and to deactivated users.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(ctx: HttpContext, next: NextFn, options: { guards?: (keyof Authenticators)[] } = {}) {
    await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    if (ctx.auth.user && ctx.auth.user.status !== 'active') {
      throw new errors.E_UNAUTHORIZED_ACCESS('Account is not active', {
        guardDriverName: ctx.auth.authenticatedViaGuard ?? 'session',
        redirectTo: this.redirectTo,
      })
    }
    return next()
  }
}
