import { AsyncLocalStorage } from 'node:async_hooks'
import { errors } from '#core/errors'
import type Tenant from '#tenancy/tenant'

/**
 * The tenant the current request, job or command works for. Set once at the
 * edge (host middleware, job runner, command) and read by tenant models.
 */
class TenantScope {
  #storage = new AsyncLocalStorage<Tenant>()

  run<T>(tenant: Tenant, callback: () => T): T {
    return this.#storage.run(tenant, callback)
  }

  current(): Tenant | undefined {
    return this.#storage.getStore()
  }

  currentOrFail(): Tenant {
    const tenant = this.#storage.getStore()
    if (!tenant) {
      throw new errors.E_NO_TENANT_SCOPE(
        'No tenant scope: tenant data can only be used inside a request, job or command that runs for a tenant'
      )
    }
    return tenant
  }
}

export const tenantScope = new TenantScope()
