import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { notifyUsers } from '#modules/notifications/services/notify'
import { freshnessOf, overdueSql } from '#modules/opendata/services/freshness'
import type { Frequency } from '#modules/opendata/models/passport_columns'

/** Who keeps a body's open data (OpendataPolicy): they hear of an overdue dataset. */
const KEEPERS = ['head', 'admin', 'department_head'] as const

/**
 * Daily, in every body: tells the people who keep its open data about each
 * published dataset that became overdue (not updated within its
 * frequency). Once per overdue episode, not every day: the notice's dedupe
 * key names the dataset and its current version, so it repeats only after
 * a new version was published and that one, too, went overdue. `today`
 * (YYYY-MM-DD) is for tests.
 */
export default class NotifyOverdueJob extends Job<{ today?: string }> {
  static jobName = 'opendata.notify_overdue'
  static tenantScoped = true

  async handle(payload: { today?: string } = {}) {
    if (!isBodyKind(tenantScope.currentOrFail().kind)) return { overdue: 0 }
    const today = payload.today ? DateTime.fromISO(payload.today).set({ hour: 12 }) : DateTime.now()
    const day = today.toISODate()!
    const overdue = await tenantDb()
      .from('opendata_dataset_freshness as f')
      .whereRaw(overdueSql('f.frequency', 'f.current_as_of'), [day])
      .orderBy('f.id')
      .select('f.id', 'f.identifier', 'f.title_ru', 'f.title_en', 'f.frequency', 'f.current_version', 'f.current_as_of')
    if (!overdue.length) return { overdue: 0 }
    const keepers = (await tenantDb().from('users').where('status', 'active').whereIn('role', [...KEEPERS]).select('id')).map((row) => row.id as number)
    await tenantDb().transaction(async (trx) => {
      for (const dataset of overdue) {
        const { dueOn } = freshnessOf(dataset.frequency as Frequency, dataset.current_as_of, today)
        await notifyUsers(
          trx,
          keepers,
          'opendata.overdue',
          `/opendata/office/datasets/${dataset.id}`,
          { title: dataset.title_ru, titleEn: dataset.title_en, identifier: dataset.identifier, dueOn },
          `opendata_overdue:${dataset.id}:v${dataset.current_version}:${dueOn}`
        )
      }
    })
    return { overdue: overdue.length }
  }
}
