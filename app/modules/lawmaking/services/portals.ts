import { tenantRegistry } from '#tenancy/tenant_registry'

/** The portals a body publishes its drafts to (a region has one; a test may have several). */
export async function portalSlugs() {
  return (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal').map((tenant) => tenant.slug)
}
