import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { REGION_ZONE } from '#core/region_time'
import { isoDay } from '#core/date_column'
import { notifyUsers } from '#modules/notifications/services/notify'
import { peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { OPEN_INVITATION_STATUSES } from '#modules/lawmaking/models/expert_invitation'
import { requestMissingExpertRegistry } from '#modules/lawmaking/services/expert_registry'

/** The first reminder: this many calendar days before the due day. */
export const REMIND_DAYS_BEFORE = 3

/**
 * Hourly, in every tenant. In the portal: reminds each expert who owes a
 * conclusion 3 days before its due day and on the day itself. In a body:
 * flags every invitation past its due day without a conclusion to the
 * draft's developer department (the invitations page marks it too), and
 * asks the portal for the registry of experts when it has no copy. Each
 * invitation is reminded and flagged once (stamped on the row, and a dedupe
 * key per person guards a concurrent run). `now` fixes the time in tests.
 */
export default class RemindExpertsJob extends Job<{ now?: string }> {
  static jobName = 'lawmaking.remind_experts'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const today = now.setZone(REGION_ZONE).toISODate()!
    const kind = tenantScope.currentOrFail().kind
    if (kind === 'portal') return this.#remindExperts(now, today)
    if (isBodyKind(kind)) return { flagged: await this.#flagOverdue(now, today), registryRequested: await requestMissingExpertRegistry() }
    return {}
  }

  async #remindExperts(now: DateTime, today: string) {
    const soonFrom = DateTime.fromISO(today).plus({ days: REMIND_DAYS_BEFORE }).toISODate()!
    return tenantDb().transaction(async (trx) => {
      const due = await trx
        .from('lawmaking_public_invitations as i')
        .join('lawmaking_expert_profiles as p', 'p.id', 'i.expert_id')
        .join('lawmaking_public_drafts as d', 'd.id', 'i.draft_id')
        .whereIn('i.status', OPEN_INVITATION_STATUSES)
        .where('i.due_on', '<=', soonFrom)
        .where((query) => query.whereNull('i.reminded_due_at').orWhereNull('i.reminded_soon_at'))
        .select('i.id', 'i.key', 'i.due_on', 'i.reminded_soon_at', 'i.reminded_due_at', 'p.user_id', 'd.title')
        .forUpdate('i')
        .skipLocked()
      let soon = 0
      let onDay = 0
      for (const row of due) {
        const dueOn = isoDay(row.due_on)
        const reached = dueOn <= today
        if (reached ? row.reminded_due_at : row.reminded_soon_at) continue
        const kind = reached ? 'lawmaking.expertise_due_today' : 'lawmaking.expertise_due_soon'
        await notifyUsers(trx, [row.user_id], kind, `/lawmaking/expertise/${row.id}`, { title: row.title, dueOn }, `${kind}:${row.key}`)
        // the day itself covers "soon" too: a late first run sends one reminder, not two
        await trx
          .from('lawmaking_public_invitations')
          .where('id', row.id)
          .update(reached ? { reminded_due_at: now.toJSDate(), reminded_soon_at: row.reminded_soon_at ?? now.toJSDate() } : { reminded_soon_at: now.toJSDate() })
        if (reached) onDay++
        else soon++
      }
      return { soon, onDay }
    })
  }

  async #flagOverdue(now: DateTime, today: string) {
    return tenantDb().transaction(async (trx) => {
      const overdue = await trx
        .from('lawmaking_expert_invitations as i')
        .join('lawmaking_drafts as d', 'd.id', 'i.draft_id')
        .whereIn('i.status', OPEN_INVITATION_STATUSES)
        .whereNull('i.overdue_flagged_at')
        .where('i.due_on', '<', today)
        .select('i.id', 'i.key', 'i.due_on', 'i.expert_name', 'd.id as draft_id', 'd.title', 'd.department_id')
        .forUpdate('i')
        .skipLocked()
      for (const row of overdue) {
        await notifyUsers(
          trx,
          await peopleOfDepartment(trx, row.department_id),
          'lawmaking.expertise_overdue',
          `/lawmaking/office/drafts/${row.draft_id}/experts`,
          { title: row.title, expert: row.expert_name, dueOn: isoDay(row.due_on) },
          `lawmaking.expertise_overdue:${row.key}`
        )
        await trx.from('lawmaking_expert_invitations').where('id', row.id).update({ overdue_flagged_at: now.toJSDate() })
      }
      return overdue.length
    })
  }
}
