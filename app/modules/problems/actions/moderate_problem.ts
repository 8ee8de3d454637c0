import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import Problem from '#modules/problems/models/problem'
import { recordEvent } from '#modules/problems/services/timeline'
import { clockDate } from '#core/clock'

/**
 * A moderator hides an abusive problem from every public page, or restores
 * it; either way with a reason, in the audit log, and the open flags count
 * as handled.
 */
export class ModerateProblem {
  async handle(problemId: number, decision: 'hide' | 'restore', reason: string, actor: Actor) {
    const problem = await tenantDb().transaction(async (trx) => {
      const found = await Problem.query({ client: trx }).where('id', problemId).forUpdate().firstOrFail()
      found.merge(decision === 'hide' ? { hiddenAt: DateTime.now(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
      found.openFlagsCount = 0
      await found.useTransaction(trx).save()
      await trx.from('problem_flags').where('problem_id', found.id).whereNull('resolved_at').update({ resolved_at: clockDate() })
      await recordEvent(trx, found.id, decision === 'hide' ? 'hidden' : 'restored', { reason }, { actorId: actor.id, isPublic: false })
      return found
    })
    await recordAudit(actor, decision === 'hide' ? 'problem.hidden' : 'problem.restored', { type: 'problem', id: problem.id }, { reason })
    return problem
  }
}
