import db from '@adonisjs/lucid/services/db'
import { BaseModel } from '@adonisjs/lucid/orm'
import { tenantScope } from '#tenancy/tenant_scope'
import { ensureTenantConnection } from '#tenancy/tenant_connections'

/**
 * Base class of every model whose table lives in a tenant schema. Its
 * connection is read from the tenant scope on each query, so module code never
 * names a schema or a connection, and a query outside a scope throws
 * E_NO_TENANT_SCOPE instead of touching the wrong data.
 */
export class TenantModel extends BaseModel {}

Object.defineProperty(TenantModel, 'connection', {
  get() {
    return ensureTenantConnection(tenantScope.currentOrFail())
  },
  set() {
    throw new Error('Tenant models take their connection from the tenant scope')
  },
  configurable: false,
})

/**
 * The query client of the current tenant, for transactions and raw queries.
 */
export function tenantDb() {
  return db.connection(ensureTenantConnection(tenantScope.currentOrFail()))
}
