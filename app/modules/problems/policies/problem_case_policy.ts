import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type ProblemCase from '#modules/problems/models/problem_case'
import { isStaffed } from '#modules/problems/services/case_staffing'

/**
 * A body's (block's or municipality's) "Citizen problems" queue: department
 * staff see and answer the problems routed to their own department (and
 * report their plans done); the body's head and admins see every
 * department's (the head is who overdue problems escalate to). No dead
 * ends: a case in a department nobody works in is answered by the head, who
 * may also hand any open case to another staffed department.
 */
export default class ProblemCasePolicy extends BasePolicy {
  viewInbox(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (!!user.departmentId && user.hasRole('department_head', 'executor'))
  }

  view(user: User, found: ProblemCase): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (user.departmentId === found.departmentId && user.hasRole('department_head', 'executor'))
  }

  async answer(user: User, found: ProblemCase): Promise<AuthorizerResponse> {
    if (user.departmentId === found.departmentId && user.hasRole('department_head', 'executor')) return true
    return user.hasRole('head') && !(await isStaffed(found.departmentId))
  }

  reassign(user: User, found: ProblemCase): AuthorizerResponse {
    return user.hasRole('head') && found.status === 'open'
  }
}
