import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * A body's suggestions inbox: the head, admins, department heads and
 * controllers read it; the head, admins and department heads answer (the
 * suggestion is addressed to the body as a whole). Nobody else, and no other
 * body, sees them (404).
 */
export default class SuggestionCasePolicy extends BasePolicy {
  viewInbox(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin', 'department_head', 'controller')
  }

  answer(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin', 'department_head')
  }

  /** The Department of Control's page over every body's suggestions (rollup, no personal data). */
  viewControl(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin', 'department_head', 'executor', 'controller')
  }
}
