import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The portal tenant a benchmark seeds into, and its host on the benchmark's
 * server. Call after startBench (the application must be booted).
 */
export async function createPortal() {
  const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
  const { hostLabelFor } = await import('#tenancy/naming')
  const portal = await tenantProvisioner.create({ slug: 'portal', kind: 'portal', nameRu: 'Портал', nameEn: 'Portal' })
  return { portal, host: `${hostLabelFor(portal.slug)}.localhost` }
}

/** The region's municipalities from the catalog into a tenant's (empty) table, as provisioning the demo writes them. */
export async function seedMunicipalities(db: QueryClientContract) {
  if (await db.from('municipalities').first()) return
  const { loadCatalog } = await import('#tenants/catalog')
  const catalog = await loadCatalog()
  await db.table('municipalities').multiInsert(
    catalog.municipalities.map((m) => ({
      code: m.code, kind: m.kind, name_ru: m.name_ru, name_en: m.name_en, admin_center_ru: m.admin_center_ru, admin_center_en: m.admin_center_en, lat: m.lat, lon: m.lon,
    }))
  )
}
