import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Every active staff member sees the dashboard; on the portal only the
 * people who run it do (citizens have their own pages).
 */
export default class DashboardPolicy extends BasePolicy {
  view(user: User): AuthorizerResponse {
    if (user.status !== 'active') return false
    return ['admin', 'head', 'department_head', 'executor', 'controller', 'lawyer', 'moderator'].includes(user.role)
  }
}
