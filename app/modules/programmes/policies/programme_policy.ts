import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type ProgrammeEvent from '#modules/programmes/models/programme_event'

/**
 * Programmes are public within the office; the people who run it plan them,
 * and the responsible department reports progress on its events.
 */
export default class ProgrammePolicy extends BasePolicy {
  view(_user: User): AuthorizerResponse {
    return true
  }

  manage(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'department_head')
  }

  report(user: User, event: ProgrammeEvent): AuthorizerResponse {
    if (user.hasRole('admin', 'head')) return true
    return event.departmentId !== null && user.departmentId === event.departmentId && user.hasRole('department_head', 'executor')
  }

  spawnOrder(user: User): AuthorizerResponse {
    return user.hasRole('admin', 'head', 'department_head', 'controller')
  }
}
