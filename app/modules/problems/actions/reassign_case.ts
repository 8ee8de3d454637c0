import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import Department from '#modules/identity/models/department'
import ProblemCase from '#modules/problems/models/problem_case'
import { acknowledgeCase } from '#modules/problems/services/case_receipt'
import { isStaffed } from '#modules/problems/services/case_staffing'
import { notifyAboutProblem, peopleWith } from '#modules/problems/services/problem_notifier'

/**
 * The body's head hands an open case to another department (one somebody
 * works in): its staff are told, and the portal learns over the bus which
 * department holds the problem now. The deadline stays.
 */
export class ReassignCase {
  async handle(caseId: number, departmentId: number, actor: Actor, messages: { unstaffed: string }) {
    const target = await Department.query().where('id', departmentId).where('is_active', true).first()
    if (!target || !(await isStaffed(target.id))) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'departmentId', message: messages.unstaffed, rule: 'problems.staffed_department' }])
    }
    const moved = await tenantDb().transaction(async (trx) => {
      const found = await ProblemCase.query({ client: trx }).where('id', caseId).forUpdate().firstOrFail()
      if (found.status !== 'open') throw new errors.E_FORBIDDEN_TRANSITION('This problem has been answered already')
      if (found.departmentId === target.id) return found
      found.departmentId = target.id
      await found.useTransaction(trx).save()
      await acknowledgeCase(trx, found, target)
      await notifyAboutProblem(trx, await peopleWith(trx, ['department_head', 'executor'], target.id), 'problem.routed', `/problems/inbox/${found.id}`, {
        caseId: found.id,
        theme: found.themeName,
        address: found.address,
        deadline: found.deadline.toISODate(),
      })
      return found
    })
    await recordAudit(actor, 'problem_case.reassigned', { type: 'problem_case', id: moved.id }, { departmentId: target.id })
    return moved
  }
}
