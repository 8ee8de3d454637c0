import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { regionToday } from '#core/region_time'
import { isoDay } from '#core/date_column'
import { notifyPeople, peopleOfDepartment } from '#modules/lawmaking/services/notify'

/** Reminders start this many days before the day to decide by. */
const REMIND_BEFORE_DAYS = 3

/**
 * Hourly, in every body: the developer department is reminded of the
 * remarks still undecided when the day to decide by is three days away
 * (or nearer), and once it has passed the body's heads and the department's
 * head are told the reaction is overdue — like citizens' problems. Each
 * notice goes once per draft version (dedupe keys), so reruns add nothing.
 */
export default class RemindReactionsJob extends Job<{ today?: string }> {
  static jobName = 'lawmaking.remind_reactions'
  static tenantScoped = true

  async handle(payload: { today?: string } = {}) {
    if (!isBodyKind(tenantScope.currentOrFail().kind)) return { reminded: 0, escalated: 0 }
    return remindReactions(payload.today ? DateTime.fromISO(payload.today) : regionToday())
  }
}

export async function remindReactions(today: DateTime) {
  const day = today.toISODate()!
  const due = await tenantDb()
    .from('lawmaking_drafts as d')
    .where('d.stage', 'reaction')
    .where('d.decide_by', '<=', today.plus({ days: REMIND_BEFORE_DAYS }).toISODate()!)
    .whereExists((undecided) => undecided.from('lawmaking_received_remarks as r').whereRaw('r.draft_id = d.id').whereNull('r.decision'))
    .select('d.id', 'd.title', 'd.department_id', 'd.current_version', 'd.decide_by')
  let reminded = 0
  let escalated = 0
  for (const draft of due) {
    const decideBy = DateTime.fromISO(isoDay(draft.decide_by))
    const overdue = decideBy.toISODate()! < day
    await tenantDb().transaction(async (trx) => {
      const undecided = Number((await trx.from('lawmaking_received_remarks').where('draft_id', draft.id).whereNull('decision').count('* as total').first())?.total ?? 0)
      const data = { title: draft.title, decideBy: decideBy.toFormat('dd.LL.yyyy'), count: undecided }
      const link = `/lawmaking/office/drafts/${draft.id}`
      const staff = await peopleOfDepartment(trx, draft.department_id)
      await notifyPeople(trx, staff, 'lawmaking.reaction_due', link, data, `lawmaking.reaction_due:${draft.id}:${draft.current_version}`)
      reminded++
      if (overdue) {
        const heads = await trx
          .from('users')
          .where('status', 'active')
          .where((who) => who.where('role', 'head').orWhere((own) => own.where('role', 'department_head').where('department_id', draft.department_id)))
          .select('id')
        await notifyPeople(trx, heads.map((row: { id: number }) => row.id), 'lawmaking.reaction_overdue', link, data, `lawmaking.reaction_overdue:${draft.id}:${draft.current_version}`)
        escalated++
      }
    })
  }
  return { reminded, escalated }
}
