import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'

/** Who sees every case of the tenant: heads, lawyers, admins and controllers (read-only). */
export function seesAllCases(user: User) {
  return user.hasRole('admin', 'head', 'lawyer', 'controller')
}

/**
 * Lawyers and heads run the cases; department staff see their department's
 * cases (and the cases they are the responsible lawyer of); heads see all.
 */
export default class LawsuitPolicy extends BasePolicy {
  viewList(user: User): AuthorizerResponse {
    return user.isActive
  }

  view(user: User, lawsuit: LawsuitCase): AuthorizerResponse {
    return seesAllCases(user) || lawsuit.lawyerId === user.id || (user.departmentId !== null && lawsuit.departmentId === user.departmentId)
  }

  /** Create cases, import them. */
  manage(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'lawyer')
  }

  /** Edit a case, its hearings, acts and appeals: lawyers and heads, and the case's responsible lawyer. */
  edit(user: User, lawsuit: LawsuitCase): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'lawyer') || lawsuit.lawyerId === user.id
  }

  /** Region figures from the control rollup. */
  viewRegion(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'controller', 'lawyer')
  }
}
