import Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantUrl } from '#tenancy/tenant_urls'
import Department from '#modules/identity/models/department'
import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import { CreateUser } from '#modules/identity/actions/create_user'
import { systemActor } from '#core/audit'
import { seedDefaultRoutingRules } from '#modules/problems/services/default_rules'
import { loadCatalog, type CatalogTenant, type RegionCatalog } from '#tenants/catalog'

export interface DemoLogin {
  email: string
  role: string
}

export interface ProvisionedTenant {
  slug: string
  kind: string
  created: boolean
  migrated: string[]
  url: string
  demoLogins: DemoLogin[]
}

/**
 * Demo accounts per tenant kind; the department head and executor belong to
 * the tenant's first department.
 */
function demoAccountsFor(entry: CatalogTenant) {
  const domain = `${entry.slug}.krai.local`
  if (entry.kind === 'portal') {
    return ['admin', 'moderator', 'expert', 'citizen'].map((role) => ({ role, email: `${role}@${domain}`, department: null }))
  }
  const first = entry.departments[0]?.code ?? null
  return [
    { role: 'admin', department: null },
    { role: 'head', department: null },
    { role: 'controller', department: null },
    { role: 'department_head', department: first },
    { role: 'executor', department: first },
  ].map((account) => ({ ...account, email: `${account.role.replace('_', '-')}@${domain}` }))
}

async function seedTenant(entry: CatalogTenant, catalog: RegionCatalog, demoPassword: string | null) {
  for (const department of entry.departments) {
    await Department.updateOrCreate(
      { code: department.code },
      { nameRu: department.name_ru, nameEn: department.name_en, isActive: true }
    )
  }
  for (const municipality of catalog.municipalities) {
    await Municipality.updateOrCreate(
      { code: municipality.code },
      {
        kind: municipality.kind,
        nameRu: municipality.name_ru,
        nameEn: municipality.name_en,
        adminCenterRu: municipality.admin_center_ru,
        adminCenterEn: municipality.admin_center_en,
        lat: municipality.lat,
        lon: municipality.lon,
      }
    )
  }

  if (entry.kind === 'portal') await seedDefaultRoutingRules(catalog)

  const logins: DemoLogin[] = []
  if (demoPassword === null) return logins
  const actor = systemActor('tenant:provision')
  for (const account of demoAccountsFor(entry)) {
    logins.push({ email: account.email, role: account.role })
    if (await User.query().whereRaw('lower(email) = ?', [account.email]).first()) continue
    await new CreateUser().handle(
      {
        email: account.email,
        fullName: `Demo ${account.role}`,
        role: account.role,
        departmentCode: account.department,
        password: demoPassword,
      },
      actor
    )
  }
  return logins
}

/**
 * Brings every tenant of a catalog to life, idempotently: creates what is
 * missing, migrates what exists, and upserts departments, municipalities
 * and (when a demo password is given) the demo accounts.
 */
export async function provisionCatalog(
  directory?: string,
  options: { demoPassword?: string | null; onProgress?: (line: string) => void } = {}
): Promise<ProvisionedTenant[]> {
  const catalog = await loadCatalog(directory)
  const results: ProvisionedTenant[] = []

  for (const entry of catalog.tenants) {
    let tenant = await Tenant.findBy('slug', entry.slug)
    const created = !tenant
    let migrated: string[] = []
    if (!tenant) {
      tenant = await tenantProvisioner.create({
        slug: entry.slug,
        kind: entry.kind,
        nameRu: entry.name_ru,
        nameEn: entry.name_en,
        hosts: entry.hosts ?? [],
      })
    } else {
      migrated = await tenantProvisioner.migrate(tenant)
    }
    const demoLogins = await tenantScope.run(tenant, () =>
      seedTenant(entry, catalog, options.demoPassword ?? null)
    )
    options.onProgress?.(`${created ? 'created' : 'up to date'}: ${entry.slug}`)
    results.push({ slug: entry.slug, kind: entry.kind, created, migrated, url: tenantUrl(tenant), demoLogins })
  }
  return results
}
