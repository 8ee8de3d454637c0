import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Marks an anonymous machine endpoint (Open311, `.ics` feeds, the manifest
 * and service worker, open datasets): its answer sets no session cookie and
 * writes no session (see #middleware/session_middleware).
 */
export default class StatelessMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.stateless = true
    return next()
  }
}
