import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors } from '#core/errors'
import type Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'

/**
 * Paths served on every host without a tenant (built assets).
 */
const HOSTLESS_PATHS = /^\/(assets\/.*|favicon\.ico|robots\.txt)$/

/**
 * Resolves the tenant from the Host header and runs the rest of the request
 * inside its scope. Unknown hosts get 404, suspended tenants 503.
 * `X-Forwarded-Host` counts only from a trusted proxy (config/app.ts).
 */
export default class TenantResolverMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (HOSTLESS_PATHS.test(ctx.request.url())) return next()

    const host = ctx.request.host() || ''
    const tenant = await tenantRegistry.findByHost(host)
    if (!tenant) {
      throw new errors.E_TENANT_NOT_FOUND(`No office is served at ${host}`)
    }
    ctx.tenant = tenant
    if (!tenant.isActive) {
      throw new errors.E_TENANT_SUSPENDED(`The office "${tenant.slug}" is suspended`)
    }
    return tenantScope.run(tenant, () => next())
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    tenant: Tenant
  }
}
