import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type Draft from '#modules/lawmaking/models/draft'

/**
 * The authority's side: a department's head and executors prepare its
 * drafts and decide on their remarks; the body's head and admins may act
 * for any department. Nobody else sees a draft before it is published.
 */
export default class DraftPolicy extends BasePolicy {
  use(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (!!user.departmentId && user.hasRole('department_head', 'executor'))
  }

  /** Acts for the draft's developer department (view, edit, publish, decide). */
  manage(user: User, draft: Draft): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (user.departmentId === draft.departmentId && user.hasRole('department_head', 'executor'))
  }

  /** May name this department as a draft's developer. */
  developFor(user: User, departmentId: number): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (user.departmentId === departmentId && user.hasRole('department_head', 'executor'))
  }
}
