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
 * conclusion — on a draft or a citizens' initiative — 3 days before its due
 * day and on the day itself, and tells the portal's moderators once an
 * initiative's invitation is past its due day without a conclusion (they
 * invited; the expertise page marks it too). In a body: flags every
 * invitation past its due day without a conclusion to the draft's developer
 * department (the invitations page marks it too), and asks the portal for
 * the registry of experts when it has no copy. Each invitation is
 * reminded and flagged once (stamped on the row, and a dedupe key per person
 * guards a concurrent run). `now` fixes the time in tests.
 */
export default class RemindExpertsJob extends Job<{ now?: string }> {
  static jobName = 'lawmaking.remind_experts'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    const today = now.setZone(REGION_ZONE).toISODate()!
    const kind = tenantScope.currentOrFail().kind
    if (kind === 'portal') return { ...(await this.#remindExperts(now, today)), flagged: await this.#flagOverdueInitiatives(now, today) }
    if (isBodyKind(kind)) return { flagged: await this.#flagOverdue(now, today), registryRequested: await requestMissingExpertRegistry() }
    return {}
  }

  async #remindExperts(now: DateTime, today: string) {
    const soonFrom = DateTime.fromISO(today).plus({ days: REMIND_DAYS_BEFORE }).toISODate()!
    return tenantDb().transaction(async (trx) => {
      const due = await trx
        .from('lawmaking_public_invitations as i')
        .join('lawmaking_expert_profiles as p', 'p.id', 'i.expert_id')
        .leftJoin('lawmaking_public_drafts as d', 'd.id', 'i.draft_id')
        .leftJoin('lawmaking_initiatives as n', 'n.id', 'i.initiative_id')
        .whereIn('i.status', OPEN_INVITATION_STATUSES)
        .where('i.due_on', '<=', soonFrom)
        .where((query) => query.whereNull('i.reminded_due_at').orWhereNull('i.reminded_soon_at'))
        .select('i.id', 'i.key', 'i.due_on', 'i.reminded_soon_at', 'i.reminded_due_at', 'i.initiative_id', 'p.user_id', trx.raw('coalesce(d.title, n.title) as title'))
        .forUpdate('i')
        .skipLocked()
      let soon = 0
      let onDay = 0
      for (const row of due) {
        const dueOn = isoDay(row.due_on)
        const reached = dueOn <= today
        if (reached ? row.reminded_due_at : row.reminded_soon_at) continue
        // an initiative's reminder says it is an initiative's (the draft's wording names a draft)
        const kind = `lawmaking.${row.initiative_id ? 'initiative_' : ''}${reached ? 'expertise_due_today' : 'expertise_due_soon'}`
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

  /** The portal's moderators and admins hear once of each initiative's invitation past its due day. */
  async #flagOverdueInitiatives(now: DateTime, today: string) {
    return tenantDb().transaction(async (trx) => {
      const overdue = await trx
        .from('lawmaking_public_invitations as i')
        .join('lawmaking_expert_profiles as p', 'p.id', 'i.expert_id')
        .join('lawmaking_initiatives as n', 'n.id', 'i.initiative_id')
        .whereIn('i.status', OPEN_INVITATION_STATUSES)
        .whereNull('i.overdue_flagged_at')
        .where('i.due_on', '<', today)
        .select('i.id', 'i.key', 'i.due_on', 'p.public_name', 'n.id as initiative_id', 'n.title')
        .forUpdate('i')
        .skipLocked()
      if (!overdue.length) return 0
      const moderators = (await trx.from('users').where('status', 'active').whereIn('role', ['moderator', 'admin']).select('id')).map((row: { id: number }) => row.id)
      for (const row of overdue) {
        await notifyUsers(
          trx,
          moderators,
          'lawmaking.initiative_expertise_overdue',
          `/lawmaking/initiatives/${row.initiative_id}/expertise`,
          { title: row.title, expert: row.public_name, dueOn: isoDay(row.due_on) },
          `lawmaking.initiative_expertise_overdue:${row.key}`
        )
        await trx.from('lawmaking_public_invitations').where('id', row.id).update({ overdue_flagged_at: now.toJSDate() })
      }
      return overdue.length
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
