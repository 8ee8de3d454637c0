import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { deliverEmailsSoon } from '#modules/notifications/email_delivery'
import { REMINDER_DAYS } from '#modules/lawsuits/catalog'
import { clockDate } from '#core/clock'

/**
 * Daily, in every tenant: reminds the responsible lawyer of each hearing
 * 7 days and 1 day before it (in-app, with the e-mail copy). Each reminder
 * is sent once: its dedupe key names the hearing, its date and the lead
 * time, so a re-run sends nothing, and a hearing moved to another day has
 * new keys and is reminded again for the new date. A hearing scheduled
 * late gets the reminders still due (the 7-day one up to two days before,
 * the 1-day one from the day before).
 */
export default class RemindHearingsJob extends Job<{ today?: string }> {
  static jobName = 'lawsuits.remind_hearings'
  static tenantScoped = true

  async handle(payload: { today?: string } = {}) {
    const today = payload.today ? DateTime.fromISO(payload.today) : DateTime.now().startOf('day')
    const [far, near] = REMINDER_DAYS
    const now = clockDate()
    return tenantDb().transaction(async (trx) => {
      const inserted = await trx.rawQuery(
        `with due as (
           select e.id as event_id, e.scheduled_on, e.starts_at, e.courtroom, c.id as case_id, c.number, c.court, c.lawyer_id,
                  case when e.scheduled_on <= ?::date + ?::int then ?::int else ?::int end as lead
             from lawsuit_events e
             join lawsuit_cases c on c.id = e.case_id
            where e.kind = 'hearing' and e.result is null and c.lawyer_id is not null
              and e.scheduled_on >= ?::date and e.scheduled_on <= ?::date + ?::int
         )
         insert into notifications (user_id, kind, data, link, dedupe_key, created_at)
         select d.lawyer_id, 'lawsuit.hearing_soon',
                jsonb_build_object('caseId', d.case_id, 'number', d.number, 'court', d.court,
                                   'date', to_char(d.scheduled_on, 'YYYY-MM-DD'), 'time', coalesce(d.starts_at, ''),
                                   'courtroom', coalesce(d.courtroom, ''), 'days', d.lead),
                '/lawsuits/' || d.case_id, k.dedupe_key, ?
           from due d
          cross join lateral (select 'lawsuit_hearing:' || d.event_id || ':' || to_char(d.scheduled_on, 'YYYY-MM-DD')
                                     || ':' || d.lead || 'd:user:' || d.lawyer_id as dedupe_key) k
         on conflict (dedupe_key) do nothing`,
        [today.toISODate()!, near, near, far, today.toISODate()!, today.toISODate()!, far, now]
      )
      const count = inserted.rowCount ?? 0
      if (count) trx.after('commit', deliverEmailsSoon)
      return { reminded: count }
    })
  }
}
