import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { navigation } from '#core/navigation'

/**
 * Shares the tenant, the signed-in user and the navigation with every view.
 */
export default class ViewContextMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant) return next()
    const locale = ctx.i18n.locale
    ctx.view.share({
      tenant: ctx.tenant,
      tenantName: ctx.tenant.name(locale),
      currentUser: ctx.auth.user ?? null,
      locale,
      currentPath: ctx.request.url(),
      navigation: await navigation.for(ctx),
    })
    return next()
  }
}
