import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { notifyUsers } from '#modules/notifications/services/notify'
import { peopleWith } from '#modules/problems/services/problem_notifier'

/** Reminders start this long before the deadline. */
const REMIND_BEFORE_HOURS = 48

/**
 * Hourly, in every tenant (only bodies hold cases): reminds those who may
 * answer (the head and admins) of suggestions due within two days, and
 * escalates those past their deadline to the head — once per round each
 * (stamped on the case; a dedupe key per person guards a concurrent run).
 * A tenant with nothing due is done with one query.
 */
export default class RemindBodiesJob extends Job<{ now?: string }> {
  static jobName = 'suggestions.remind_bodies'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const soonLimit = now.plus({ hours: REMIND_BEFORE_HOURS }).toJSDate()
    const any = await tenantDb()
      .from('suggestion_cases')
      .where('status', 'open')
      .where('deadline', '<=', soonLimit)
      .where((unmarked) => unmarked.whereNull('reminded_at').orWhereNull('escalated_at'))
      .first()
    if (!any) return { reminded: 0, escalated: 0 }
    return tenantDb().transaction(async (trx) => {
      let reminded = 0
      let escalated = 0
      const soon = await trx.from('suggestion_cases').where('status', 'open').whereNull('reminded_at').where('deadline', '>=', now.toJSDate()).where('deadline', '<=', soonLimit).forUpdate().skipLocked()
      const answerers = await peopleWith(trx, ['head', 'admin', 'department_head'])
      for (const found of soon) {
        const deadline = DateTime.fromJSDate(found.deadline).setZone(REGION_ZONE).toFormat('dd.MM.yyyy')
        await notifyUsers(trx, answerers, 'suggestion.deadline_soon', `/suggestions/inbox/${found.id}`, { title: found.title, deadline }, `suggestion:${found.id}:${found.round}:soon`)
        await trx.from('suggestion_cases').where('id', found.id).update({ reminded_at: now.toJSDate() })
        reminded++
      }
      const overdue = await trx.from('suggestion_cases').where('status', 'open').whereNull('escalated_at').where('deadline', '<', now.toJSDate()).forUpdate().skipLocked()
      const heads = await peopleWith(trx, ['head'])
      for (const found of overdue) {
        const deadline = DateTime.fromJSDate(found.deadline).setZone(REGION_ZONE).toFormat('dd.MM.yyyy')
        await notifyUsers(trx, heads, 'suggestion.overdue', `/suggestions/inbox/${found.id}`, { title: found.title, deadline }, `suggestion:${found.id}:${found.round}:overdue`)
        await trx.from('suggestion_cases').where('id', found.id).update({ escalated_at: now.toJSDate() })
        escalated++
      }
      return { reminded, escalated }
    })
  }
}
