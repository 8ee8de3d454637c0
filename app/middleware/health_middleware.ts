import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

const HealthController = () => import('#core/controllers/health_controller')

/**
 * Answers load-balancer probes on any host before sessions, CSRF or tenant
 * resolution run, so probes stay cheap and never create sessions.
 */
export default class HealthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    if (path !== '/health' && path !== '/health/live') return next()
    const { default: Controller } = await HealthController()
    const controller = new Controller()
    return path === '/health' ? controller.show(ctx) : controller.live(ctx)
  }
}
