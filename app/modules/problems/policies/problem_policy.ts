import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type Problem from '#modules/problems/models/problem'

/**
 * The portal's side of citizens' control. Everyone (even anonymous) reads
 * public problems; hidden ones only moderators and admins. Citizens report,
 * endorse and flag; the author confirms or contests an answer; moderators
 * hide and restore; admins keep the routing.
 */
export default class ProblemPolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, problem?: Problem): AuthorizerResponse {
    if (!problem || !problem.hiddenAt) return true
    return !!user && user.hasRole('moderator', 'admin')
  }

  report(user: User): AuthorizerResponse {
    return user.isActive
  }

  endorse(user: User, problem: Problem): AuthorizerResponse {
    return user.isActive && problem.authorId !== user.id
  }

  flag(user: User, problem: Problem): AuthorizerResponse {
    return user.isActive && problem.authorId !== user.id
  }

  respond(user: User, problem: Problem): AuthorizerResponse {
    return problem.authorId === user.id
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }

  route(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }

  /** Open311 API keys are issued and revoked by portal admins. */
  manageApiKeys(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }

  editProfile(user: User): AuthorizerResponse {
    return user.isActive
  }
}
