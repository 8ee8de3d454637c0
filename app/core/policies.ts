/**
 * Every Bouncer policy of the platform, imported lazily by class.
 */
export const policies = {
  UserPolicy: () => import('#modules/identity/policies/user_policy'),
  DepartmentPolicy: () => import('#modules/identity/policies/department_policy'),
  AuditPolicy: () => import('#modules/identity/policies/audit_policy'),
  DashboardPolicy: () => import('#modules/identity/policies/dashboard_policy'),
  AccountPolicy: () => import('#modules/identity/policies/account_policy'),
  ControlPolicy: () => import('#modules/control/policies/control_policy'),
  EffectivenessPolicy: () => import('#modules/effectiveness/policies/effectiveness_policy'),
  ControlReportPolicy: () => import('#modules/reports/policies/control_report_policy'),
  OrderPolicy: () => import('#modules/orders/policies/order_policy'),
  CalendarPolicy: () => import('#modules/orders/policies/calendar_policy'),
  ProgrammePolicy: () => import('#modules/programmes/policies/programme_policy'),
  StaffingPolicy: () => import('#modules/staffing/policies/staffing_policy'),
  ProblemPolicy: () => import('#modules/problems/policies/problem_policy'),
  ProblemCasePolicy: () => import('#modules/problems/policies/problem_case_policy'),
  LawsuitPolicy: () => import('#modules/lawsuits/policies/lawsuit_policy'),
  BusMonitorPolicy: () => import('#modules/bus_monitor/policies/bus_monitor_policy'),
  RatingPolicy: () => import('#modules/ratings/policies/rating_policy'),
  MediaPolicy: () => import('#modules/ratings/policies/media_policy'),
  PlannerPolicy: () => import('#modules/planner/policies/planner_policy'),
}
