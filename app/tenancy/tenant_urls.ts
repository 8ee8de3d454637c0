import { settings } from '#core/settings'
import { hostLabelFor } from '#tenancy/naming'

/**
 * The public URL of a tenant: `<protocol>://<slug>.<APP_DOMAIN>[:port]` ("_" of a slug is "-" in the host).
 */
export function tenantUrl(tenant: { slug: string }) {
  const port = settings.appProtocol === 'http' && settings.port !== 80 ? `:${settings.port}` : ''
  return `${settings.appProtocol}://${hostLabelFor(tenant.slug)}.${settings.appDomain}${port}`
}
