import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type Initiative from '#modules/lawmaking/models/initiative'
import type InitiativeCase from '#modules/lawmaking/models/initiative_case'

/**
 * Citizens' initiatives. In the portal anyone reads a published
 * initiative; one in moderation or rejected only its author and the
 * moderators. Active people submit and support (not their own); moderators
 * publish, reject and forward. In a body a department's head and executors
 * answer the initiatives forwarded to it; the body's head and admins see
 * and answer all of them.
 */
export default class InitiativePolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, initiative: Initiative): AuthorizerResponse {
    return initiative.isPublic || (!!user && (user.id === initiative.authorId || user.hasRole('moderator', 'admin')))
  }

  submit(user: User): AuthorizerResponse {
    return user.isActive
  }

  support(user: User, initiative: Initiative): AuthorizerResponse {
    return user.isActive && initiative.status === 'discussion' && initiative.authorId !== user.id
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }

  /** Opens the body's inbox of initiatives (their department's, or all). */
  useInbox(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (!!user.departmentId && user.hasRole('department_head', 'executor'))
  }

  answer(user: User, found: InitiativeCase): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (user.departmentId === found.departmentId && user.hasRole('department_head', 'executor'))
  }
}
