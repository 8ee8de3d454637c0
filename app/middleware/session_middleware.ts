import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { RuntimeException } from '@adonisjs/core/exceptions'
import { Session } from '@adonisjs/session'
import type { ResolvedSessionConfig } from '@adonisjs/session/types'
// Its import registers the session's redirect and validation-error macros.
import '@adonisjs/session/session_middleware'
import { SlidingRedisStore } from '#core/session_store'

let resolvedConfig: Promise<ResolvedSessionConfig> | undefined

function sessionConfig() {
  resolvedConfig ??= configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session')).then((config) => {
    if (!config) throw new RuntimeException('Invalid "config/session.ts" file. Make sure you are using the "defineConfig" method')
    return config
  })
  return resolvedConfig
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
 * @adonisjs/session's middleware with two differences:
 *
 * 1. A stateless answer is never committed: no session is written and no
 *    cookie is set, whether the client sent one or not. Reading the session
 *    (a signed-in browser fetching the manifest) still works.
 * 2. A request which leaves its session as it found it commits nothing: the
 *    library re-signs and re-sends the session cookie and slides the Redis
 *    expiry on every request, which for a signed-in page was a third of the
 *    cost of the request. Skipped only when all of these hold, so login,
 *    logout, session fixation protection (a regenerated id), flash messages
 *    and a new CSRF secret always commit exactly as before:
 *    - the session came from a valid cookie and keeps that id;
 *    - no value was put, changed or removed (reading flash messages removes them);
 *    - nothing is flashed for the next request;
 *    - its expiry was slid less than SESSION_REFRESH_SECONDS ago (else the
 *      library commit refreshes the Redis expiry and the cookie together).
 */
export default class SessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const config = await sessionConfig()
    if (!config.enabled) return next()

    ctx.session = new Session(config, config.stores[config.store], emitter, ctx)
    await ctx.session.initiate(false)
    const response = await next()
    if (isStateless(ctx)) {
      ctx.response.removeHeader('set-cookie')
      return response
    }
    if (!SessionMiddleware.unchanged(ctx, config)) await ctx.session.commit()
    return response
  }

  static unchanged(ctx: HttpContext, config: ResolvedSessionConfig) {
    const session = ctx.session
    return (
      !session.fresh &&
      session.sessionId === ctx.request.cookie(config.cookieName) &&
      !session.hasBeenModified &&
      session.responseFlashMessages.isEmpty &&
      !session.isEmpty &&
      SlidingRedisStore.of(ctx)?.recentlyRefreshed === true
    )
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set by the `stateless` route middleware: the answer carries no session and no cookie. */
    stateless?: boolean
  }
}
