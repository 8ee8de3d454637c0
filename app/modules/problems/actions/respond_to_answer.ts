import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import Problem, { ANSWERED_STATUSES } from '#modules/problems/models/problem'
import { recordEvent } from '#modules/problems/services/timeline'
import { routeByRules, routeProblem } from '#modules/problems/services/routing'

/**
 * The author's verdict on the department's answer: confirm closes the
 * problem; contest reopens it with a new deadline and routes it again (by
 * the rules, or to the same department when no rule matches any more).
 * A plan stays tracked: it is confirmed only once the body reports it done
 * (then it is a result), and contested only after its date has passed.
 */
export class RespondToAnswer {
  async handle(problemId: number, author: User, verdict: 'confirm' | 'contest', reason?: string) {
    return tenantDb().transaction(async (trx) => {
      const problem = await Problem.query({ client: trx }).where('id', problemId).forUpdate().firstOrFail()
      if (!ANSWERED_STATUSES.includes(problem.status)) {
        throw new errors.E_FORBIDDEN_TRANSITION('Only an answered problem can be confirmed or contested')
      }
      if (verdict === 'confirm' && !problem.canBeConfirmed) {
        throw new errors.E_FORBIDDEN_TRANSITION('A plan is confirmed once the work is reported done')
      }
      if (verdict === 'contest' && !problem.canBeContested) {
        throw new errors.E_FORBIDDEN_TRANSITION('A plan can be contested after its date')
      }
      if (verdict === 'confirm') {
        problem.merge({ status: 'confirmed', closedAt: DateTime.now() })
        await problem.useTransaction(trx).save()
        await recordEvent(trx, problem.id, 'confirmed', {}, { actorId: author.id })
        return problem
      }
      const previous = { tenant: problem.routedTenant!, departmentCode: problem.routedDepartmentCode!, departmentName: problem.routedDepartmentName! }
      problem.reopenedCount += 1
      await recordEvent(trx, problem.id, 'contested', { reason: reason ?? '' }, { actorId: author.id })
      const routed = await routeByRules(trx, problem, { actorId: author.id, reason: 'reopened' })
      if (!routed && previous.tenant) await routeProblem(trx, problem, { ...previous, rule: null }, { actorId: author.id, reason: 'reopened' })
      return problem
    })
  }
}
