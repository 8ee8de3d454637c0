import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { tenantScope } from '#tenancy/tenant_scope'
import type Department from '#modules/identity/models/department'
import type ProblemCase from '#modules/problems/models/problem_case'

/**
 * A department's public names as the portal shows them: a municipal
 * department carries its administration's name (every municipality has a
 * "housing"), as the portal's own directory names it.
 */
export function publicDepartmentNames(department: Department) {
  const body = tenantScope.currentOrFail()
  if (body.kind === 'municipality') {
    return { nameRu: `${department.nameRu} (${body.nameRu})`, nameEn: `${department.nameEn} (${body.nameEn})` }
  }
  return { nameRu: department.nameRu, nameEn: department.nameEn }
}

/**
 * Tells the portal, in the caller's transaction, that the case's round is in
 * `department`'s queue since the case was received: after a routing, and
 * again when the body's head hands it to another department. The portal
 * shows "being sent to the department" until this arrives.
 */
export function acknowledgeCase(trx: TransactionClientContract, found: ProblemCase, department: Department) {
  return bus.send(trx, {
    to: found.originTenant,
    type: 'problems.received',
    payload: {
      problemId: found.originProblemId,
      round: found.round,
      receivedAt: found.receivedAt.toISO()!,
      department: { code: department.code, ...publicDepartmentNames(department) },
    },
  })
}
