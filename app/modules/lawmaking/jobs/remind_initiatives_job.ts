import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { REGION_ZONE } from '#core/region_time'
import { notifyUsers } from '#modules/notifications/services/notify'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import { peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { REMIND_DAYS_BEFORE } from '#modules/lawmaking/services/initiative_rules'

/**
 * Hourly, in every body: reminds a department of the citizens' initiatives
 * it must answer within three days (the due day counted in the region's
 * calendar), and escalates those unanswered after their due day to the
 * body's head and the department head. Each initiative is reminded and
 * escalated once (stamped on the case; a dedupe key per person guards a
 * concurrent run). `now` may be given (tests, a catch-up run).
 */
export default class RemindInitiativesJob extends Job<{ now?: string }> {
  static jobName = 'lawmaking.remind_initiatives'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    if (!isBodyKind(tenantScope.currentOrFail().kind)) return { reminded: 0, escalated: 0 }
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const today = now.setZone(REGION_ZONE).toISODate()!
    const soonUntil = now.setZone(REGION_ZONE).plus({ days: REMIND_DAYS_BEFORE }).toISODate()!
    return tenantDb().transaction(async (trx) => {
      const soon = await InitiativeCase.query({ client: trx })
        .whereNull('answer')
        .whereNull('reminded_at')
        .where('due_on', '>=', today)
        .where('due_on', '<=', soonUntil)
        .forUpdate()
        .skipLocked()
      for (const found of soon) {
        await notifyUsers(
          trx,
          await peopleOfDepartment(trx, found.departmentId),
          'lawmaking.initiative_due_soon',
          `/lawmaking/initiatives/inbox/${found.id}`,
          { title: found.title, dueOn: found.dueOn.toFormat('dd.LL.yyyy') },
          `lawmaking.initiative:${found.id}:soon`
        )
        found.remindedAt = now
        await found.useTransaction(trx).save()
      }
      const overdue = await InitiativeCase.query({ client: trx }).whereNull('answer').whereNull('escalated_at').where('due_on', '<', today).forUpdate().skipLocked()
      for (const found of overdue) {
        const heads = await trx
          .from('users')
          .where('status', 'active')
          .where((query) => query.where('role', 'head').orWhere((own) => own.where('role', 'department_head').where('department_id', found.departmentId)))
          .select('id')
        await notifyUsers(
          trx,
          heads.map((row: { id: number }) => row.id),
          'lawmaking.initiative_overdue',
          `/lawmaking/initiatives/inbox/${found.id}`,
          { title: found.title, dueOn: found.dueOn.toFormat('dd.LL.yyyy') },
          `lawmaking.initiative:${found.id}:overdue`
        )
        found.escalatedAt = now
        await found.useTransaction(trx).save()
      }
      return { reminded: soon.length, escalated: overdue.length }
    })
  }
}
