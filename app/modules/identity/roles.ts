import type { TenantKind } from '#tenancy/naming'

/**
 * Roles a user may hold, per tenant kind. Staff tenants (blocks and control)
 * share one set; the portal has its own.
 */
export const STAFF_ROLES = ['admin', 'head', 'department_head', 'executor', 'controller', 'lawyer'] as const
export const PORTAL_ROLES = ['citizen', 'expert', 'moderator', 'admin'] as const

export type StaffRole = (typeof STAFF_ROLES)[number]
export type PortalRole = (typeof PORTAL_ROLES)[number]
export type Role = StaffRole | PortalRole

export function rolesFor(kind: TenantKind): readonly Role[] {
  return kind === 'portal' ? PORTAL_ROLES : STAFF_ROLES
}

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const
export type UserStatus = (typeof USER_STATUSES)[number]
