import { tenantDb } from '#tenancy/tenant_model'
import { regionTodayIso } from '#core/region_time'

export interface BodyInitiativeFigures {
  block: string
  awaiting: number
  accepted_for_drafting: number
  included_in_plan: number
  rejected: number
  overdue: number
}

/**
 * Citizens' initiatives forwarded to every body as the Department of
 * Control reads them (rollup views only: no author, no texts): per body,
 * awaiting an answer, answered by kind, and overdue (unanswered after the
 * due day).
 */
export async function initiativeFigures() {
  const result = await tenantDb().rawQuery(
    `select block,
            count(*) filter (where answer is null)::int as awaiting,
            count(*) filter (where answer = 'accepted_for_drafting')::int as accepted_for_drafting,
            count(*) filter (where answer = 'included_in_plan')::int as included_in_plan,
            count(*) filter (where answer = 'rejected')::int as rejected,
            count(*) filter (where answer is null and due_on < ?::date)::int as overdue
       from rollup.lawmaking_initiative_cases
      group by block
      order by overdue desc, block`,
    [regionTodayIso()]
  )
  return result.rows as BodyInitiativeFigures[]
}

/** Initiatives whose answer is overdue, oldest due day first. */
export async function overdueInitiatives() {
  const result = await tenantDb().rawQuery(
    `select block, id, title, level, subject_area, due_on, support_count
       from rollup.lawmaking_initiative_cases
      where answer is null and due_on < ?::date
      order by due_on, block, id
      limit 200`,
    [regionTodayIso()]
  )
  return result.rows as { block: string; id: number; title: string; level: string; subject_area: string; due_on: Date; support_count: number }[]
}
