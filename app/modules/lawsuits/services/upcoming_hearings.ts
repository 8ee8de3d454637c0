import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { visibilityCondition } from '#modules/lawsuits/builders/visible_cases'

export interface UpcomingHearing {
  eventId: number
  caseId: number
  number: string
  court: string
  instance: string
  scheduledOn: string
  startsAt: string | null
  courtroom: string | null
  lawyerName: string | null
}

/**
 * Hearings without a result from today to `days` ahead in the cases the
 * user may see, soonest first. Reads the pending hearings in index order
 * and looks each case up by id (a lateral probe, not a join over all the
 * cases the user sees), stopping after `limit` rows.
 */
export async function upcomingHearings(user: User, days: number, today = DateTime.now(), limit = 500): Promise<UpcomingHearing[]> {
  const visible = visibilityCondition(user, 'c')
  const result = await tenantDb().rawQuery(
    `select e.id as event_id, c.id as case_id, c.number, c.court, c.instance,
            to_char(e.scheduled_on, 'YYYY-MM-DD') as scheduled_on, e.starts_at, e.courtroom, lawyer.full_name as lawyer_name
       from lawsuit_events e
      cross join lateral (
        select c.id, c.number, c.court, c.instance, c.lawyer_id from lawsuit_cases c
         where c.id = e.case_id ${visible ? `and ${visible.sql}` : ''}
        offset 0
      ) c
       left join users lawyer on lawyer.id = c.lawyer_id
      where e.kind = 'hearing' and e.result is null and e.scheduled_on between ?::date and ?::date
      order by e.scheduled_on, e.starts_at nulls last, e.id
      limit ?`,
    [...(visible?.bindings ?? []), today.toISODate()!, today.plus({ days }).toISODate()!, limit]
  )
  return result.rows.map((row: Record<string, any>) => ({
    eventId: row.event_id,
    caseId: row.case_id,
    number: row.number,
    court: row.court,
    instance: row.instance,
    scheduledOn: row.scheduled_on,
    startsAt: row.starts_at,
    courtroom: row.courtroom,
    lawyerName: row.lawyer_name,
  }))
}
