import logger from '@adonisjs/core/services/logger'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantScope } from '#tenancy/tenant_scope'
import { requestReport } from '#modules/reports/actions/request_report'
import { lastCompletePeriod, type ReportKind } from '#modules/reports/services/report_periods'

/**
 * The scheduled run of a kind: in every active control tenant, asks for the
 * report of the period just finished (idempotent: a second run, or a run
 * after the admin already generated it, queues nothing).
 */
export async function scheduleReports(kind: ReportKind) {
  const period = lastCompletePeriod(kind)
  const controls = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'control')
  const queued: string[] = []
  const failed: string[] = []
  for (const tenant of controls) {
    // One control tenant that cannot be reached does not keep the others from their report.
    try {
      const requested = await tenantScope.run(tenant, () => requestReport(kind, period, null))
      if (requested.queued) queued.push(tenant.slug)
    } catch (error) {
      failed.push(tenant.slug)
      logger.error({ kind, tenant: tenant.slug, error: (error as Error).message }, 'periodic control report not requested')
    }
  }
  logger.info({ kind, period: period.from.toISODate(), queued }, 'periodic control reports requested')
  if (failed.length && !queued.length && failed.length === controls.length) throw new Error(`No control tenant could request its ${kind} report`)
  return { kind, periodStart: period.from.toISODate(), queued, failed }
}
