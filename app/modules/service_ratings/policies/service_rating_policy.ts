import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'

/**
 * Service ratings. On the portal: citizens rate, the portal's admins hide
 * services. In a body: its admins keep the catalogue; the providing
 * department's staff (and the head and admins, for every department) answer follow-ups.
 */
export default class ServiceRatingPolicy extends BasePolicy {
  rate(user: User): AuthorizerResponse {
    return user.isActive && user.role === 'citizen'
  }

  administerPortal(user: User): AuthorizerResponse {
    return user.isActive && user.role === 'admin'
  }

  manageCatalogue(user: User): AuthorizerResponse {
    return user.isActive && user.hasRole('admin', 'head')
  }

  viewInbox(user: User): AuthorizerResponse {
    return user.hasRole('head', 'admin') || (!!user.departmentId && user.hasRole('department_head', 'executor'))
  }

  /** The Department of Control's page: flagged bodies and follow-ups per body (no personal data). */
  viewControl(user: User): AuthorizerResponse {
    return user.isActive && user.hasRole('head', 'admin', 'department_head', 'executor', 'controller')
  }

  answer(user: User, _found: ServiceFollowUp, departmentCode: string | null): AuthorizerResponse {
    if (user.hasRole('head', 'admin')) return true
    return !!departmentCode && departmentCode === _found.departmentCode && user.hasRole('department_head', 'executor')
  }
}
