import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { queueService } from '#queue/queue_service'
import type { Period } from '#modules/effectiveness/services/effectiveness_query'
import type { ReportKind } from '#modules/reports/services/report_periods'

export interface RequestedReport {
  id: number
  generation: number
  /** Whether a generation was queued by this request (false: already queued, running or ready). */
  queued: boolean
}

/**
 * Asks for the report of a kind and period, idempotently: the first request
 * creates the one row of (kind, period_start) and queues its generation;
 * later ones do nothing while it is queued, running or ready, except that a
 * failed report (or one stuck in the queue for ten minutes) is queued again,
 * and `regenerate` (an admin's "generate now") rebuilds a ready one in place.
 */
export async function requestReport(kind: ReportKind, period: Period, requestedBy: number | null, options: { regenerate?: boolean } = {}): Promise<RequestedReport> {
  const db = tenantDb()
  const result = await db.rawQuery(
    `insert into control_reports (kind, period_start, period_end, status, requested_by, created_at, updated_at)
     values (?, ?, ?, 'queued', ?, now(), now())
     on conflict (kind, period_start) do update
        set status = 'queued', progress = 0, error = null, requested_by = excluded.requested_by,
            generation = control_reports.generation + 1, updated_at = now()
      where control_reports.status = 'failed'
         or (control_reports.status = 'queued' and control_reports.updated_at < now() - interval '10 minutes')
         or (? and control_reports.status = 'ready')
     returning id, generation`,
    [kind, period.from.toISODate()!, period.to.toISODate()!, requestedBy as number, !!options.regenerate]
  )
  const row = result.rows[0]
  if (!row) {
    const existing = await db.from('control_reports').where({ kind, period_start: period.from.toISODate() }).select('id', 'generation').firstOrFail()
    return { id: existing.id, generation: existing.generation, queued: false }
  }
  const slug = tenantScope.currentOrFail().slug
  await queueService.dispatch(
    'reports.generate',
    { reportId: row.id, generation: row.generation },
    { tenant: slug, jobId: `reports.generate.${slug}.${row.id}.${row.generation}`, attempts: 1 }
  )
  return { id: row.id, generation: row.generation, queued: true }
}
