import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'

/** Roles that may write and issue orders of their own. */
const ISSUING_ROLES = ['admin', 'head', 'department_head', 'controller'] as const

function actsForResponsible(user: User, order: Order) {
  return order.executors.some((executor) => executor.role === 'responsible' && executor.isActedOnBy(user))
}

/**
 * Who may do what with an order. The caller preloads `executors`; whether the
 * order is visible at all is decided by the visibleTo query (404 otherwise).
 */
export default class OrderPolicy extends BasePolicy {
  create(user: User): AuthorizerResponse {
    return user.hasRole(...ISSUING_ROLES)
  }

  /** Only drafts can be edited; the action refuses others with 409. */
  /** Heads, controllers and admins see any department's board; staff their own. */
  viewBoard(user: User, departmentId: number): AuthorizerResponse {
    if (user.hasRole('head', 'controller', 'admin')) return true
    return user.hasRole('department_head', 'executor') && user.departmentId === departmentId
  }

  /** Who may pick another department on the board. */
  viewAnyBoard(user: User): AuthorizerResponse {
    return user.hasRole('head', 'controller', 'admin')
  }

  edit(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id
  }

  issue(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id
  }

  changeDeadline(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id
  }

  decideExtension(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id
  }

  review(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id
  }

  start(user: User, order: Order): AuthorizerResponse {
    return actsForResponsible(user, order)
  }

  requestExtension(user: User, order: Order): AuthorizerResponse {
    return actsForResponsible(user, order)
  }

  report(user: User, order: Order): AuthorizerResponse {
    return actsForResponsible(user, order)
  }

  delegate(user: User, order: Order): AuthorizerResponse {
    return order.executors.some((executor) => executor.isActedOnBy(user))
  }

  /** The issuer and the executors add files (documents, photos, reports). */
  attach(user: User, order: Order): AuthorizerResponse {
    return order.issuerId === user.id || order.executors.some((executor) => executor.isActedOnBy(user))
  }

  removeFromControl(user: User, order: Order): AuthorizerResponse {
    return order.controllerId === user.id || (order.controllerId === null && user.role === 'controller')
  }
}
