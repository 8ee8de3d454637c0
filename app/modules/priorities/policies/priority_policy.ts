import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Priority ranks on the portal: everyone reads the priorities and the sealed
 * results; active accounts vote (the action checks confirmation and
 * residence, with a 422 that says why); portal admins keep the list and the
 * method's settings. Nobody has a way to running counts.
 */
export default class PriorityPolicy extends BasePolicy {
  vote(user: User): AuthorizerResponse {
    return user.isActive
  }

  manage(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }

  /** The report of suspicious bursts. */
  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }

  /** In a municipality: those who issue orders see the ranks the portal sent and act on them. */
  actOnResults(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'department_head', 'controller')
  }
}
