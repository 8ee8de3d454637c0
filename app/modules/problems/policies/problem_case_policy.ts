import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type ProblemCase from '#modules/problems/models/problem_case'

/**
 * A body's (block's or municipality's) "Citizen problems" queue: department
 * staff see and answer the problems routed to their own department (and
 * report their plans done); the body's head and admins see every
 * department's (the head is who overdue problems escalate to).
 */
export default class ProblemCasePolicy extends BasePolicy {
  viewInbox(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (!!user.departmentId && user.hasRole('department_head', 'executor'))
  }

  view(user: User, found: ProblemCase): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (user.departmentId === found.departmentId && user.hasRole('department_head', 'executor'))
  }

  answer(user: User, found: ProblemCase): AuthorizerResponse {
    return user.departmentId === found.departmentId && user.hasRole('department_head', 'executor')
  }
}
