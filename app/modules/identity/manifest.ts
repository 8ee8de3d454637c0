import type { ModuleManifest } from '#core/module_manifest'
import UserPolicy from '#modules/identity/policies/user_policy'
import AuditPolicy from '#modules/identity/policies/audit_policy'
import DashboardPolicy from '#modules/identity/policies/dashboard_policy'
import DepartmentPolicy from '#modules/identity/policies/department_policy'

/**
 * Identity and access: sign-in, users, departments, audit log, API tokens.
 */
const identity: ModuleManifest = {
  name: 'identity',
  kinds: ['block', 'municipality', 'control', 'portal'],
  routes: () => import('#modules/identity/routes'),
  navigation: [
    { label: 'nav.home', href: '/', kinds: ['portal'], position: 0 },
    {
      // an office's personal home page; the portal's is its figures
      label: 'nav.home',
      position: 10,
      href: '/dashboard',
      kinds: ['block', 'municipality', 'control'],
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(DashboardPolicy).allows('view'),
    },
    {
      label: 'nav.dashboard',
      position: 10,
      href: '/dashboard',
      kinds: ['portal'],
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(DashboardPolicy).allows('view'),
    },
    {
      label: 'nav.users',
      position: 80,
      group: 'admin',
      href: '/admin/users',
      kinds: ['block', 'municipality', 'control', 'portal'],
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(UserPolicy).allows('viewList'),
    },
    {
      label: 'nav.departments',
      position: 81,
      group: 'admin',
      href: '/admin/departments',
      kinds: ['block', 'municipality', 'control'],
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(DepartmentPolicy).allows('viewList'),
    },
    {
      label: 'nav.audit',
      position: 82,
      group: 'admin',
      href: '/admin/audit',
      kinds: ['block', 'municipality', 'control', 'portal'],
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(AuditPolicy).allows('view'),
    },
  ],
  // Staff names and departments for the control rollup; no e-mails, no credentials.
  rollup: [
    { name: 'departments', from: 'departments', columns: ['t.id', 't.code', 't.name_ru', 't.name_en', 't.is_active'] },
    { name: 'staff', from: 'users', columns: ['t.id', 't.full_name', 't.department_id', 't.role', 't.status'] },
  ],
}

export default identity
