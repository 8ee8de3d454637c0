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
import { hostLabelFor, isBodyKind, type TenantKind } from '#tenancy/naming'
import { publishDirectory } from '#modules/identity/services/directory'

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
 * the tenant's first department (in a municipality: housing, where most
 * local citizens' problems are routed, when it has one).
 */
function demoAccountsFor(entry: CatalogTenant) {
  const domain = `${hostLabelFor(entry.slug)}.krai.local`
  if (entry.kind === 'portal') {
    return ['admin', 'moderator', 'expert', 'citizen'].map((role) => ({ role, email: `${role}@${domain}`, department: null }))
  }
  const housing = entry.kind === 'municipality' ? entry.departments.find((department) => department.code === 'housing') : undefined
  const first = housing?.code ?? entry.departments[0]?.code ?? null
  return [
    { role: 'admin', department: null },
    { role: 'head', department: null },
    { role: 'controller', department: null },
    { role: 'department_head', department: first },
    { role: 'executor', department: first },
  ].map((account) => ({ ...account, email: `${account.role.replace('_', '-')}@${domain}` }))
}

async function seedTenant(entry: CatalogTenant, catalog: RegionCatalog, demoPassword: string | null) {
  await Department.updateOrCreateMany(
    'code',
    entry.departments.map((department) => ({ code: department.code, nameRu: department.name_ru, nameEn: department.name_en, isActive: true }))
  )
  await Municipality.updateOrCreateMany(
    'code',
    catalog.municipalities.map((municipality) => ({
      code: municipality.code,
      kind: municipality.kind,
      nameRu: municipality.name_ru,
      nameEn: municipality.name_en,
      adminCenterRu: municipality.admin_center_ru,
      adminCenterEn: municipality.admin_center_en,
      lat: municipality.lat,
      lon: municipality.lon,
    }))
  )

  if (entry.kind === 'portal') await seedDefaultRoutingRules(catalog)

  const logins: DemoLogin[] = []
  if (demoPassword === null || !entry.demo) return logins
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
 * Brings every tenant of a catalog (or of one kind, `only`) to life,
 * idempotently: creates what is missing (or finishes an interrupted
 * create), migrates what exists, and upserts departments, municipalities
 * and (when a demo password is given) the demo accounts. The rollup is
 * rebuilt once for the whole batch.
 */
export async function provisionCatalog(
  directory?: string,
  options: { demoPassword?: string | null; only?: TenantKind; onProgress?: (line: string) => void } = {}
): Promise<ProvisionedTenant[]> {
  const catalog = await loadCatalog(directory)
  const entries = options.only ? catalog.tenants.filter((entry) => entry.kind === options.only) : catalog.tenants
  const registered = new Map((await Tenant.query().whereIn('slug', entries.map((entry) => entry.slug))).map((tenant) => [tenant.slug, tenant]))

  // what is missing (or was interrupted) is created as one batch, with one rollup rebuild
  const created = new Set<string>()
  const missing = entries.filter((entry) => {
    const tenant = registered.get(entry.slug)
    return !tenant || tenant.status === 'provisioning'
  })
  if (missing.length) {
    await tenantProvisioner.createMany(
      missing.map((entry) => ({ slug: entry.slug, kind: entry.kind, nameRu: entry.name_ru, nameEn: entry.name_en, hosts: entry.hosts ?? [] })),
      {
        onCreated: async (fresh) => {
          registered.set(fresh.slug, fresh)
          created.add(fresh.slug)
          options.onProgress?.(`created: ${fresh.slug}`)
        },
      }
    )
  }

  // one pass (and one rollup rebuild) for every tenant that existed already
  const existing = entries.filter((entry) => !created.has(entry.slug)).map((entry) => registered.get(entry.slug)!)
  const migrations = new Map<string, string[]>()
  if (existing.length) {
    for (const result of await tenantProvisioner.migrateMany(existing)) {
      if (result.error) throw result.error
      migrations.set(result.tenant.slug, result.applied)
      options.onProgress?.(`up to date: ${result.tenant.slug}${result.applied.length ? ` (${result.applied.length} migration(s))` : ''}`)
    }
  }

  const results: ProvisionedTenant[] = []
  for (const entry of entries) {
    const tenant = registered.get(entry.slug)!
    const demoLogins = await tenantScope.run(tenant, () => seedTenant(entry, catalog, options.demoPassword ?? null))
    // every body tells the portal its departments (delivered by the worker's relay)
    if (isBodyKind(entry.kind)) await tenantScope.run(tenant, () => publishDirectory())
    results.push({
      slug: entry.slug,
      kind: entry.kind,
      created: created.has(entry.slug),
      migrated: migrations.get(entry.slug) ?? [],
      url: tenantUrl(tenant),
      demoLogins,
    })
  }
  return results
}
