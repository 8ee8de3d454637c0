import Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { rollupBuilder } from '#tenancy/rollup'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'
import type { TenantKind } from '#tenancy/naming'
import type { Role } from '#modules/identity/roles'

export const TEST_PASSWORD = 'correct-horse-battery'

/**
 * Returns the tenant with this slug, creating it (with one department) when
 * missing, so test files can share fixtures without ordering constraints.
 */
export async function ensureTenant(slug: string, kind: TenantKind = 'block'): Promise<Tenant> {
  const existing = await tenantRegistry.findBySlug(slug)
  if (existing) return existing
  // A body changes the rollup; rebuilding it for each of the suite's ~200 tenants cost minutes, so
  // files that read the rollup rebuild it once it is stale (rollupReady) and the rest never do.
  const tenant = await tenantProvisioner.create(
    { slug, kind, nameRu: `Тестовый ${slug}`, nameEn: `Test ${slug}` },
    { rebuildRollup: kind === 'control' || kind === 'portal' }
  )
  await tenantScope.run(tenant, () =>
    Department.firstOrCreate({ code: 'main' }, { nameRu: 'Главное управление', nameEn: 'Main department', isActive: true })
  )
  return tenant
}

/** Rebuilds the control rollup if bodies were created since: for tests that read it. */
export async function rollupReady() {
  await rollupBuilder.rebuildIfStale()
}

export function inTenant<T>(tenant: Tenant, callback: () => Promise<T>): Promise<T> {
  return tenantScope.run(tenant, callback)
}

/**
 * Creates (or returns) a user with a known password in the tenant.
 */
/** Runs `callback` in an office's tenant scope (any helper's office: orders, staffing, lawsuits…). */
export function inOffice<T>(office: { tenant: Tenant }, callback: () => Promise<T>): Promise<T> {
  return inTenant(office.tenant, callback)
}

export async function ensureUser(tenant: Tenant, role: Role, email?: string): Promise<User> {
  const address = email ?? `${role.replace('_', '-')}@${tenant.slug.replace(/_/g, '-')}.test`
  return inTenant(tenant, async () => {
    const existing = await User.findBy('email', address)
    if (existing) return existing
    return User.create({ email: address, fullName: `${role} of ${tenant.slug}`, role, password: TEST_PASSWORD, status: 'active' })
  })
}

export function hostOf(tenant: { slug: string }) {
  return `${tenant.slug}.localhost`
}

/**
 * A block tenant with these departments (keyed by code) and people, created
 * when missing and reused otherwise. Each person signs in with TEST_PASSWORD
 * as `<key in kebab case>@<slug>.test` (healthHead → health-head@…) and works
 * in the department named, or in none.
 */
export function blockOffice<Code extends string, Key extends string>(
  slug: string,
  departments: Record<Code, { nameRu: string; nameEn: string }>,
  people: Record<Key, { role: Role; department?: NoInfer<Code> }>
) {
  return bodyOffice('block', slug, departments, people)
}

/** blockOffice for any kind of tenant with departments (a municipality's administration, say). */
export async function bodyOffice<Code extends string, Key extends string>(
  kind: TenantKind,
  slug: string,
  departments: Record<Code, { nameRu: string; nameEn: string }>,
  people: Record<Key, { role: Role; department?: NoInfer<Code> }>
) {
  const tenant = await ensureTenant(slug, kind)
  const created = {} as Record<Code, Department>
  await inTenant(tenant, async () => {
    for (const [code, names] of Object.entries(departments) as [Code, { nameRu: string; nameEn: string }][]) {
      created[code] = await Department.firstOrCreate({ code }, { ...names, isActive: true })
    }
  })
  const users = {} as Record<Key, User>
  for (const [key, person] of Object.entries(people) as [Key, { role: Role; department?: Code }][]) {
    const email = `${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}@${slug.replace(/_/g, '-')}.test`
    users[key] = await ensureUserInDepartment(tenant, person.role, email, person.department ? created[person.department].id : null)
  }
  return { tenant, host: hostOf(tenant), departments: created, ...users }
}

/** ensureUser, then moves the user to this department (null: none) if they work elsewhere. */
async function ensureUserInDepartment(tenant: Tenant, role: Role, email: string, departmentId: number | null) {
  const user = await ensureUser(tenant, role, email)
  if (user.departmentId !== departmentId) {
    await inTenant(tenant, async () => {
      const fresh = await User.findOrFail(user.id)
      fresh.departmentId = departmentId
      await fresh.save()
    })
    user.departmentId = departmentId
  }
  return user
}
