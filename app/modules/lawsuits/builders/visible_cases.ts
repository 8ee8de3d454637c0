import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type User from '#modules/identity/models/user'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import { seesAllCases } from '#modules/lawsuits/policies/lawsuit_policy'

type CaseQuery = ModelQueryBuilderContract<typeof LawsuitCase, LawsuitCase>

/**
 * The SQL condition on a case (under `alias`) for what the user may see —
 * the rule of LawsuitPolicy.view — or null when the user sees every case.
 */
export function visibilityCondition(user: User, alias = 'lawsuit_cases'): { sql: string; bindings: number[] } | null {
  if (seesAllCases(user)) return null
  if (user.departmentId === null) return { sql: `${alias}.lawyer_id = ?`, bindings: [user.id] }
  return { sql: `(${alias}.lawyer_id = ? or ${alias}.department_id = ?)`, bindings: [user.id, user.departmentId] }
}

/**
 * Restricts a case query to what the user may see, so lists, figures and
 * exports agree with the card.
 */
export function visibleCases(query: CaseQuery, user: User): CaseQuery {
  const condition = visibilityCondition(user)
  return condition ? query.whereRaw(condition.sql, condition.bindings) : query
}

/** A case the user may see, or a 404 (another tenant's or an invisible id look the same). */
export async function findVisibleCase(user: User, id: number | string) {
  return visibleCases(LawsuitCase.query(), user).where('lawsuit_cases.id', Number(id)).firstOrFail()
}
