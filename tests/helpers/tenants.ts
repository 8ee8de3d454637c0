import Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
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
  const tenant = await tenantProvisioner.create({
    slug,
    kind,
    nameRu: `Тестовый ${slug}`,
    nameEn: `Test ${slug}`,
  })
  await tenantScope.run(tenant, () =>
    Department.firstOrCreate({ code: 'main' }, { nameRu: 'Главное управление', nameEn: 'Main department', isActive: true })
  )
  return tenant
}

export function inTenant<T>(tenant: Tenant, callback: () => Promise<T>): Promise<T> {
  return tenantScope.run(tenant, callback)
}

/**
 * Creates (or returns) a user with a known password in the tenant.
 */
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
