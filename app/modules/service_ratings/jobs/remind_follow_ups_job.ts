import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { notifyUsers } from '#modules/notifications/services/notify'
import { peopleWith } from '#modules/problems/services/problem_notifier'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'

/** Reminders start this many days before the answer is due. */
const REMIND_BEFORE_DAYS = 5

/**
 * Daily, in every body: reminds the providing department of follow-ups due
 * within five days, and escalates those past their date to the body's head.
 * Each follow-up is reminded once and escalated once (stamped on it, and a
 * dedupe key per person guards a concurrent run).
 */
export default class RemindFollowUpsJob extends Job<{ now?: string }> {
  static jobName = 'service_ratings.remind_follow_ups'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    if (!isBodyKind(tenantScope.currentOrFail().kind)) return { reminded: 0, escalated: 0 }
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const today = now.setZone('Europe/Moscow').toISODate()!
    let reminded = 0
    let escalated = 0
    await tenantDb().transaction(async (trx) => {
      const soon = await ServiceFollowUp.query({ client: trx })
        .where('status', 'open')
        .whereNull('reminded_at')
        .where('respond_by', '<=', now.plus({ days: REMIND_BEFORE_DAYS }).toISODate()!)
        .forUpdate()
        .skipLocked()
      for (const found of soon) {
        const department = await trx.from('departments').where('code', found.departmentCode).first()
        const staff = department ? await peopleWith(trx, ['department_head', 'executor'], department.id) : []
        await notifyUsers(trx, staff.length ? staff : await peopleWith(trx, ['head']), 'service_follow_up.due_soon', `/service-ratings/inbox/${found.id}`, {
          service: found.serviceName,
          respondBy: found.respondBy.toISODate(),
        }, `service_follow_up:${found.id}:due_soon`)
        found.remindedAt = now
        await found.useTransaction(trx).save()
        reminded++
      }
      const late = await ServiceFollowUp.query({ client: trx }).where('status', 'open').whereNull('escalated_at').where('respond_by', '<', today).forUpdate().skipLocked()
      for (const found of late) {
        await notifyUsers(trx, await peopleWith(trx, ['head']), 'service_follow_up.overdue', `/service-ratings/inbox/${found.id}`, {
          service: found.serviceName,
          respondBy: found.respondBy.toISODate(),
        }, `service_follow_up:${found.id}:overdue`)
        found.escalatedAt = now
        await found.useTransaction(trx).save()
        escalated++
      }
    })
    return { reminded, escalated }
  }
}
