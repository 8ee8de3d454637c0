import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import ProblemCase from '#modules/problems/models/problem_case'
import { notifyAboutProblem, peopleWith } from '#modules/problems/services/problem_notifier'

/** Reminders start this long before the reaction deadline. */
const REMIND_BEFORE_HOURS = 48
const BATCH = 500

/**
 * Hourly, in every tenant (only bodies hold cases): reminds a department of
 * the citizens' problems due within two days, escalates those past their
 * deadline to the body's head and the department head, and reminds the
 * department when the date of a plan it answered has come. Each case is
 * reminded and escalated once per round (stamped on the case, and a dedupe
 * key per person guards a concurrent run). A tenant with no open case due
 * within two days, or none left to remind or escalate, is done with one
 * query.
 */
export default class RemindDepartmentsJob extends Job<{ now?: string }> {
  static jobName = 'problems.remind_departments'
  static tenantScoped = true

  async handle(payload: { now?: string } = {}) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    // most tenants have nothing due: one query, and they are done
    const due = await ProblemCase.query()
      .where((query) =>
        query
          .where((open) =>
            open
              .where('status', 'open')
              .where('deadline', '<=', now.plus({ hours: REMIND_BEFORE_HOURS }).toJSDate())
              .where((unmarked) => unmarked.whereNull('reminded_at').orWhereNull('escalated_at'))
          )
          .orWhere((planned) => planned.where('status', 'planned').whereNull('plan_reminded_at').where('planned_on', '<=', now.toISODate()!))
      )
      .first()
    if (!due) return { reminded: 0, escalated: 0, plansDue: 0 }
    let reminded = 0
    let escalated = 0
    let plansDue = 0
    // batches of BATCH cases per transaction, until nothing is left to remind or escalate
    for (;;) {
      const batch = await this.#batch(now)
      reminded += batch.reminded
      escalated += batch.escalated
      plansDue += batch.plansDue
      if (batch.reminded < BATCH && batch.escalated < BATCH && batch.plansDue < BATCH) break
    }
    return { reminded, escalated, plansDue }
  }

  async #batch(now: DateTime) {
    let reminded = 0
    let escalated = 0
    let plansDue = 0
    await tenantDb().transaction(async (trx) => {
      const soon = await ProblemCase.query({ client: trx })
        .where('status', 'open')
        .whereNull('reminded_at')
        .where('deadline', '>=', now.toJSDate())
        .where('deadline', '<=', now.plus({ hours: REMIND_BEFORE_HOURS }).toJSDate())
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
      for (const found of soon) {
        await notifyAboutProblem(
          trx,
          await peopleWith(trx, ['department_head', 'executor'], found.departmentId),
          'problem.deadline_soon',
          `/problems/inbox/${found.id}`,
          { caseId: found.id, address: found.address, deadline: found.deadline.toISODate() },
          `problem:${found.id}:${found.round}:soon`
        )
        found.remindedAt = now
        await found.useTransaction(trx).save()
        reminded++
      }
      const overdue = await ProblemCase.query({ client: trx })
        .where('status', 'open')
        .whereNull('escalated_at')
        .where('deadline', '<', now.toJSDate())
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
      for (const found of overdue) {
        const people = [...(await peopleWith(trx, ['head'])), ...(await peopleWith(trx, ['department_head'], found.departmentId))]
        await notifyAboutProblem(
          trx,
          people,
          'problem.overdue',
          `/problems/inbox/${found.id}`,
          { caseId: found.id, address: found.address, deadline: found.deadline.toISODate() },
          `problem:${found.id}:${found.round}:overdue`
        )
        found.escalatedAt = now
        await found.useTransaction(trx).save()
        escalated++
      }
      // plans whose date has come (in the region's day), not reported done
      const due = await ProblemCase.query({ client: trx })
        .where('status', 'planned')
        .whereNull('plan_reminded_at')
        .where('planned_on', '<=', now.toISODate()!)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
      for (const found of due) {
        const people = [...(await peopleWith(trx, ['department_head', 'executor'], found.departmentId))]
        await notifyAboutProblem(
          trx,
          people,
          'problem.plan_due',
          `/problems/inbox/${found.id}`,
          { caseId: found.id, address: found.address, plannedOn: found.plannedOn!.toFormat('dd.MM.yyyy') },
          `problem:${found.id}:${found.round}:plan_due`
        )
        found.planRemindedAt = now
        await found.useTransaction(trx).save()
        plansDue++
      }
    })
    return { reminded, escalated, plansDue }
  }
}
