import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/**
 * Who sees how well people and departments execute orders: in a block its
 * heads (and admins) see everyone, a department head their own people; in
 * the control tenant the people who see the region figures see every block.
 */
export default class EffectivenessPolicy extends BasePolicy {
  viewBlock(user: User): AuthorizerResponse {
    if (user.status !== 'active') return false
    return user.hasRole('admin', 'head') || (user.hasRole('department_head') && user.departmentId !== null)
  }

  viewRegion(user: User): AuthorizerResponse {
    return user.status === 'active' && user.hasRole('admin', 'head', 'department_head', 'controller')
  }
}

/** The department a block user is limited to, or null for the whole block. */
export function departmentScopeOf(user: User): number | null {
  return user.hasRole('admin', 'head') ? null : user.departmentId
}
