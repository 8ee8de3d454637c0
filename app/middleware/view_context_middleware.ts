import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { navigation } from '#core/navigation'
import { wantsJson } from '#core/wants_json'
import { previousPage } from '#exceptions/handler'

/** Error pages for a bare `response.notFound()` / `forbidden()` a controller answered with. */
const EMPTY_ERROR_PAGES: Record<number, string> = { 404: 'pages/errors/not_found', 403: 'pages/errors/forbidden' }

/**
 * Shares the tenant, the signed-in user and the navigation with every view.
 * A page answered with an empty 404 or 403 gets the error page a browser can
 * show (an empty body without a type is offered as a download).
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
    await next()
    const { response, request } = ctx
    const view = EMPTY_ERROR_PAGES[response.getStatus()]
    if (!view || response.hasStream || response.hasFileToStream || wantsJson(request) || request.url().startsWith('/api/')) return
    const body = response.content?.[0]
    if (body !== undefined && body !== null && body !== '') return
    response.send(await ctx.view.render(view, { back: previousPage(ctx) }))
  }
}
