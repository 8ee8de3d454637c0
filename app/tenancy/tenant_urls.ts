import { settings } from '#core/settings'

/**
 * The public URL of a tenant: `<protocol>://<slug>.<APP_DOMAIN>[:port]`.
 */
export function tenantUrl(tenant: { slug: string }) {
  const port = settings.appProtocol === 'http' && settings.port !== 80 ? `:${settings.port}` : ''
  return `${settings.appProtocol}://${tenant.slug}.${settings.appDomain}${port}`
}
