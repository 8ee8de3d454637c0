import type { HttpContext } from '@adonisjs/core/http'
import { busStatus } from '#bus/bus_status'
import BusMonitorPolicy from '#modules/bus_monitor/policies/bus_monitor_policy'

/**
 * The same figures as `node ace bus:status`: counts, ages, and the failed
 * messages' ids, types, peers and errors; never a payload.
 */
export default class BusMonitorController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(BusMonitorPolicy).authorize('view')
    const report = await busStatus({ failedLimit: 20 })
    const failed = report.failed.map((message) => ({ ...message, createdAt: new Date(message.createdAt) }))
    return view.render('pages/bus_monitor/index', { tenants: report.tenants, failed })
  }
}
