import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'

export interface BodyStatsRow {
  body_slug: string
  body_name_ru: string
  body_name_en: string
  sent: number
  answered: number
  on_time: number
  accepted: number
  planned: number
  rejected: number
  overdue: number
}

/**
 * Per addressed body, of the suggestions sent to it (hidden ones excepted):
 * how many, answered, answered in time, accepted / planned / rejected, and
 * overdue now (sent, unanswered, past the deadline).
 */
export async function bodyStats(): Promise<Array<BodyStatsRow & { onTimeShare: number | null; acceptedShare: number | null }>> {
  const rows: BodyStatsRow[] = await tenantDb()
    .from('suggestions')
    .whereNull('hidden_at')
    .whereNotNull('sent_at')
    .groupBy('body_slug', 'body_name_ru', 'body_name_en')
    .select('body_slug', 'body_name_ru', 'body_name_en')
    .select(
      tenantDb().raw(`count(*)::int as sent`),
      tenantDb().raw(`count(*) filter (where answer_kind is not null)::int as answered`),
      tenantDb().raw(`count(*) filter (where answered_in_time)::int as on_time`),
      tenantDb().raw(`count(*) filter (where answer_kind = 'accepted')::int as accepted`),
      tenantDb().raw(`count(*) filter (where answer_kind = 'planned')::int as planned`),
      tenantDb().raw(`count(*) filter (where answer_kind = 'rejected')::int as rejected`),
      tenantDb().raw(`count(*) filter (where status = 'sent' and respond_by < ?)::int as overdue`, [clockDate()])
    )
    .orderBy('sent', 'desc')
  return rows.map((row) => ({
    ...row,
    onTimeShare: row.answered ? Math.round((100 * row.on_time) / row.answered) : null,
    acceptedShare: row.answered ? Math.round((100 * (row.accepted + row.planned)) / row.answered) : null,
  }))
}
