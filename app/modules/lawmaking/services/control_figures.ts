import { tenantDb } from '#tenancy/tenant_model'
import { regionTodayIso } from '#core/region_time'

export interface BodyLawmakingFigures {
  block: string
  preparation: number
  discussion: number
  reaction: number
  completed: number
  remarks: number
  decided: number
  overdue: number
}

/**
 * The region's law-making as the Department of Control reads it (rollup
 * views only, no remark texts or names): drafts per body by stage, remarks
 * received and decided, and drafts whose day to decide by has passed with
 * remarks still undecided.
 */
export async function lawmakingFigures() {
  const today = regionTodayIso()
  const result = await tenantDb().rawQuery(
    `with remarks as (
       select block, draft_id, count(*)::int as total, count(decision)::int as decided
         from rollup.lawmaking_received_remarks group by block, draft_id
     )
     select d.block,
            count(*) filter (where d.stage = 'preparation')::int as preparation,
            count(*) filter (where d.stage = 'discussion')::int as discussion,
            count(*) filter (where d.stage = 'reaction')::int as reaction,
            count(*) filter (where d.stage = 'completed')::int as completed,
            coalesce(sum(r.total), 0)::int as remarks,
            coalesce(sum(r.decided), 0)::int as decided,
            count(*) filter (where d.stage = 'reaction' and d.decide_by < ?::date and r.total > r.decided)::int as overdue
       from rollup.lawmaking_drafts d
       left join remarks r on r.block = d.block and r.draft_id = d.id
      group by d.block
      order by overdue desc, d.block`,
    [today]
  )
  return result.rows as BodyLawmakingFigures[]
}

/** Drafts whose reaction is overdue: past the day to decide by, with undecided remarks. */
export async function overdueReactions() {
  const result = await tenantDb().rawQuery(
    `select d.block, d.id, d.title, d.kind, d.subject_area, d.decide_by, d.current_version,
            count(r.id) filter (where r.decision is null)::int as undecided
       from rollup.lawmaking_drafts d
       join rollup.lawmaking_received_remarks r on r.block = d.block and r.draft_id = d.id
      where d.stage = 'reaction' and d.decide_by < ?::date
      group by d.block, d.id, d.title, d.kind, d.subject_area, d.decide_by, d.current_version
     having count(r.id) filter (where r.decision is null) > 0
      order by d.decide_by, d.block, d.id
      limit 200`,
    [regionTodayIso()]
  )
  return result.rows as { block: string; id: number; title: string; kind: string; subject_area: string; decide_by: Date; current_version: number; undecided: number }[]
}
