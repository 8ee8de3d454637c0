import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { staffingChanged } from '#modules/staffing/services/figures_cache'

/**
 * Daily, in every block and control tenant: stores each department's
 * approved, actual and vacant FTE for the month (positions in force on the
 * day it runs). One row per department and month: a re-run in the same
 * month replaces it, so the month keeps its last figures and the trend has
 * one point per month whatever the number of runs.
 */
export default class SnapshotMonthJob extends Job<{ today?: string }> {
  static jobName = 'staffing.snapshot_month'
  static tenantScoped = true

  async handle(payload: { today?: string }) {
    const today = payload.today ? DateTime.fromISO(payload.today) : DateTime.now()
    const day = today.toISODate()!
    const result = await tenantDb().rawQuery(
      `insert into staffing_snapshots (month, department_id, approved_fte, actual_fte, vacant_fte, computed_at)
       select ?::date, department_id, sum(approved_fte), sum(actual_fte), sum(greatest(approved_fte - actual_fte, 0)), now()
         from staffing_positions
        where effective_from <= ? and (effective_to is null or effective_to >= ?)
        group by department_id
       on conflict (month, department_id) do update
          set approved_fte = excluded.approved_fte, actual_fte = excluded.actual_fte,
              vacant_fte = excluded.vacant_fte, computed_at = excluded.computed_at`,
      [today.startOf('month').toISODate()!, day, day]
    )
    await staffingChanged()
    return { departments: result.rowCount ?? 0 }
  }
}
