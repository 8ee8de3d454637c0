import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Programme from '#modules/programmes/models/programme'
import ProgrammeEvent from '#modules/programmes/models/programme_event'

export interface ProgrammeProgress {
  total: number
  done: number
  lagging: number
}

/**
 * Per programme: events done / all, and events past their planned end that
 * are not done (lagging). One query for the whole list.
 */
async function progressByProgramme(today: string) {
  const rows = await tenantDb()
    .from('programme_events')
    .select('programme_id')
    .count('* as total')
    .select(tenantDb().raw('count(*) filter (where completed_on is not null)::int as done'))
    .select(tenantDb().raw('count(*) filter (where completed_on is null and planned_end < ?)::int as lagging', [today]))
    .groupBy('programme_id')
  return new Map<number, ProgrammeProgress>(
    rows.map((row: any) => [row.programme_id, { total: Number(row.total), done: row.done, lagging: row.lagging }])
  )
}

/**
 * Every programme with its progress, and the most overdue lagging events:
 * what the programmes page and the execution-control dashboard show.
 */
export async function programmeOverview(laggingLimit = 20) {
  const today = DateTime.now().toISODate()!
  const [programmes, progress, lagging] = await Promise.all([
    Programme.query().preload('department').orderBy('title'),
    progressByProgramme(today),
    ProgrammeEvent.query().whereNull('completed_on').where('planned_end', '<', today).preload('department').orderBy('planned_end').limit(laggingLimit),
  ])
  return {
    programmes: programmes.map((programme) => ({ programme, progress: progress.get(programme.id) ?? { total: 0, done: 0, lagging: 0 } })),
    lagging,
  }
}
