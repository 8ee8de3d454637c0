import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type PlannerItem from '#modules/planner/models/planner_item'
import { STAFF_ROLES } from '#modules/identity/roles'

/** The roles that issue and delegate orders, and so follow their subordinates' work. */
const DELEGATING_ROLES = ['admin', 'head', 'department_head', 'controller'] as const

/**
 * The planner is personal: every staff member has one, and an item is read
 * and changed by its owner only (others get 404 from the owner-scoped
 * queries before this policy is asked). Heads see, read-only, what their
 * subordinates plan for the orders they delegated.
 */
export default class PlannerPolicy extends BasePolicy {
  use(user: User): AuthorizerResponse {
    return (STAFF_ROLES as readonly string[]).includes(user.role)
  }

  edit(user: User, item: PlannerItem): AuthorizerResponse {
    return item.userId === user.id
  }

  viewDelegated(user: User): AuthorizerResponse {
    return user.hasRole(...DELEGATING_ROLES)
  }
}
