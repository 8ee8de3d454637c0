import logger from '@adonisjs/core/services/logger'
import { queueService } from '#queue/queue_service'
import { tenantScope } from '#tenancy/tenant_scope'

/** E-mails of one window go in one job: at most this plus half a second after the notification (target < 5 s, bench:load). */
const WINDOW_MS = 2500

/**
 * Asks for the current tenant's pending e-mails to be sent shortly. All
 * calls within one window of 2.5 s share one job (same job id) that runs
 * just after the window closes; the minute schedule catches anything whose
 * dispatch was lost (for example while Redis was unreachable).
 */
export async function deliverEmailsSoon() {
  const tenant = tenantScope.currentOrFail()
  const now = Date.now()
  const windowEnd = Math.ceil((now + 1) / WINDOW_MS) * WINDOW_MS
  try {
    await queueService.dispatch(
      'notifications.deliver_emails',
      {},
      { tenant: tenant.slug, jobId: `notifications.deliver_emails:${tenant.slug}:${windowEnd}`, delay: windowEnd - now + 500 }
    )
  } catch (error) {
    logger.warn({ tenant: tenant.slug, error: (error as Error).message }, 'could not queue notification e-mails')
  }
}
