import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import PlannerItem from '#modules/planner/models/planner_item'
import { occurrenceKey, occurrences } from '#modules/planner/services/recurrence'
import { nextReminderAt, REMINDER_GRACE_MINUTES } from '#modules/planner/services/reminder_schedule'
import { MAX_REMINDER_MINUTES } from '#modules/planner/validators/planner_validators'

/**
 * Every minute, in every tenant: sends the planner reminders that fell due
 * as in-app notifications. It reads only the items whose next reminder
 * moment has come (an indexed column kept by the item itself), sends what
 * fell due in the last 15 minutes, and moves the moment on. Each
 * notification is keyed by the item, the occurrence's start and the
 * reminder, so a re-run sends nothing twice, and an item moved to another
 * time gets reminders for its new time only.
 */
export default class SendPlannerRemindersJob extends Job<{ now?: string }> {
  static jobName = 'planner.send_reminders'
  static tenantScoped = true

  async handle(payload: { now?: string }) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const earliest = now.minus({ minutes: REMINDER_GRACE_MINUTES })
    const items = await PlannerItem.query().where('next_reminder_at', '<=', now.toISO()!).orderBy('next_reminder_at').limit(5000)

    const rows = []
    for (const item of items) {
      for (const occurrence of occurrences(item, earliest, now.plus({ minutes: MAX_REMINDER_MINUTES + 1 }))) {
        for (const minutes of item.reminders) {
          const firesAt = occurrence.start.minus({ minutes })
          if (firesAt <= earliest || firesAt > now) continue
          const start = occurrence.start.setZone(REGION_ZONE)
          rows.push({
            user_id: item.userId,
            kind: 'planner.reminder',
            data: JSON.stringify({ itemId: item.id, title: item.title, start: start.toISO(), time: start.toFormat(item.allDay ? 'dd.LL.yyyy' : 'dd.LL.yyyy HH:mm'), minutes }),
            link: `/planner?view=day&date=${start.toISODate()}`,
            dedupe_key: `planner.reminder:${occurrenceKey(item.id, occurrence.start)}:${minutes}:user:${item.userId}`,
            created_at: now.toJSDate(),
          })
        }
      }
    }
    let sent = 0
    if (rows.length) {
      sent = (await tenantDb().insertQuery().table('notifications').insert(rows).onConflict('dedupe_key').ignore().returning('id')).length
    }
    // Move each item's moment on, unless its owner changed it meanwhile (the save rescheduled it).
    for (let offset = 0; offset < items.length; offset += 500) {
      const chunk = items.slice(offset, offset + 500)
      const values = chunk.map(() => '(?::bigint, ?::timestamptz, ?::timestamptz)').join(', ')
      const bindings = chunk.flatMap((item) => [item.id, nextReminderAt(item, now)?.toISO() ?? null, item.updatedAt.toISO()!])
      await tenantDb().rawQuery(
        `update planner_items p set next_reminder_at = v.next
           from (values ${values}) as v(id, next, seen)
          where p.id = v.id and date_trunc('milliseconds', p.updated_at) = v.seen`,
        // null (no reminder ahead) is a valid SQL binding; Lucid's binding type leaves it out
        bindings as (string | number)[]
      )
    }
    return { sent }
  }
}
