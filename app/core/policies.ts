/**
 * Every Bouncer policy of the platform, imported lazily by class.
 */
export const policies = {
  UserPolicy: () => import('#modules/identity/policies/user_policy'),
  DepartmentPolicy: () => import('#modules/identity/policies/department_policy'),
  AuditPolicy: () => import('#modules/identity/policies/audit_policy'),
  DashboardPolicy: () => import('#modules/identity/policies/dashboard_policy'),
  OrderPolicy: () => import('#modules/orders/policies/order_policy'),
  CalendarPolicy: () => import('#modules/orders/policies/calendar_policy'),
  ProgrammePolicy: () => import('#modules/programmes/policies/programme_policy'),
}
