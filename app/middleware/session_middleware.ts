import '@adonisjs/session/session_middleware'
import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { Session } from '@adonisjs/session'
import type { SessionConfig, SessionStoreFactory } from '@adonisjs/session/types'

type ResolvedSessionConfig = SessionConfig & { store: string; stores: Record<string, SessionStoreFactory> }

let resolved: Promise<ResolvedSessionConfig | null> | undefined

/** config/session.ts with its store factories, resolved once. */
function sessionConfig() {
  resolved ??= configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  return resolved
}

/**
 * Whether this answer must not carry a session: the route is marked
 * stateless (Open311, calendar feeds, the web app's manifest and service
 * worker, open datasets), or the answer is cacheable by anyone (a shared
 * cache would hand one visitor's cookie to the next).
 */
function isStateless(ctx: HttpContext) {
  return ctx.stateless === true || /\bpublic\b/i.test(String(ctx.response.getHeader('cache-control') ?? ''))
}

/**
 * The session middleware of @adonisjs/session (its module is imported for
 * the redirect and validation macros it installs), except that a stateless
 * answer is never committed: no session is written and no cookie is set,
 * whether the client sent one or not. Reading the session (a signed-in
 * browser fetching the manifest) still works.
 */
export default class SessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const config = await sessionConfig()
    if (!config?.enabled) return next()
    ctx.session = new Session(config, config.stores[config.store], emitter, ctx)
    await ctx.session.initiate(false)
    const response = await next()
    if (isStateless(ctx)) {
      ctx.response.removeHeader('set-cookie')
      return response
    }
    await ctx.session.commit()
    return response
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set by the `stateless` route middleware: the answer carries no session and no cookie. */
    stateless?: boolean
  }
}
