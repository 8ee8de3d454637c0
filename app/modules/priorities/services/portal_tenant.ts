import { errors } from '#core/errors'
import { tenantRegistry } from '#tenancy/tenant_registry'

/** The portal a command works on: the one named, or the only active portal. */
export async function portalFor(slug?: string) {
  if (slug) {
    const tenant = await tenantRegistry.findBySlugOrFail(slug)
    if (tenant.kind !== 'portal') throw new errors.E_TENANT_NOT_FOUND(`${slug} is a ${tenant.kind}, not a portal`)
    return tenant
  }
  const portals = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal')
  if (portals.length !== 1) throw new errors.E_TENANT_NOT_FOUND(`${portals.length} active portals: name one with --tenant`)
  return portals[0]
}
