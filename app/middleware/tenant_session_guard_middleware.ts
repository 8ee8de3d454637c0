import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

export const SESSION_TENANT_KEY = 'tenant'

/**
 * Binds each session to the tenant it was created on. A session brought from
 * another tenant's host (a copied cookie) is emptied before auth reads it, so
 * tenant A's user id can never authenticate on tenant B.
 */
export default class TenantSessionGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant) return next()
    const owner = ctx.session.get(SESSION_TENANT_KEY)
    const carriesIdentity = owner !== undefined || ctx.session.has('auth_web')
    if (carriesIdentity && owner !== ctx.tenant.slug) {
      ctx.session.clear()
      await ctx.session.regenerate()
    }
    return next()
  }
}
