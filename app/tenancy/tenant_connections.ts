import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'
import { sharedPools, type PoolName, type SessionIdentity } from '#tenancy/shared_pools'
import { ownerRoleNameFor } from '#tenancy/naming'

/**
 * Named Lucid connections, one per identity (a tenant's runtime role, its
 * owner for migrations, the bus role). They hold no connections of their
 * own: each borrows from the process's shared pools (app/tenancy/
 * shared_pools.ts) and runs every statement as its role with only its
 * schema on the search path, so a query that names another schema, or
 * forgets the tenant, fails with permission denied instead of reading a
 * neighbour — and the number of connections does not grow with tenants.
 */

export interface TenantIdentity {
  slug: string
  schemaName: string
  roleName: string
}

export const TENANT_MIGRATIONS_PATH = 'database/migrations/tenant'

/**
 * More directories of tenant migrations, after the real ones (relative to the
 * app root). Only tests add one — a migration that fails on purpose — so that
 * nothing is ever written into the source tree other runs read.
 */
export const extraTenantMigrationPaths: string[] = []

export function connectionNameFor(slug: string) {
  return `tenant_${slug}`
}

function ownerConnectionNameFor(slug: string) {
  return `tenant_owner_${slug}`
}

/** A Lucid connection config whose statements run as `identity`, on connections of the `pool` pool. */
export function identityConnectionConfig(pool: PoolName, identity: SessionIdentity | null): PostgreConfig {
  return {
    client: 'pg',
    // knex takes an external pool as it is (and never closes it)
    connectionPool: sharedPools.view(pool, identity),
    version: '15',
    debug: false,
  } as PostgreConfig
}

/** Registers a named connection for `identity` unless present; returns its name. */
export function ensureIdentityConnection(name: string, pool: PoolName, identity: SessionIdentity, extra: Partial<PostgreConfig> = {}) {
  if (!db.manager.has(name)) db.manager.add(name, { ...identityConnectionConfig(pool, identity), ...extra })
  return name
}

/** The tenant's runtime connection name (requests, jobs, commands acting for the tenant). */
export function ensureTenantConnection(tenant: TenantIdentity): string {
  return ensureIdentityConnection(connectionNameFor(tenant.slug), 'runtime', {
    role: tenant.roleName,
    searchPath: pg.escapeIdentifier(tenant.schemaName),
  })
}

/** The tenant's owner connection name: migrations only, on the admin pool. */
export function ensureTenantOwnerConnection(tenant: TenantIdentity): string {
  return ensureIdentityConnection(
    ownerConnectionNameFor(tenant.slug),
    'admin',
    { role: ownerRoleNameFor(tenant.slug), searchPath: pg.escapeIdentifier(tenant.schemaName) },
    { migrations: { naturalSort: true, paths: [TENANT_MIGRATIONS_PATH, ...extraTenantMigrationPaths], tableName: 'adonis_schema' } }
  )
}

/** Forgets a tenant's connections (after drop, or when its roles change). */
export async function closeTenantConnection(slug: string) {
  for (const name of [connectionNameFor(slug), ownerConnectionNameFor(slug)]) {
    if (db.manager.has(name)) await db.manager.close(name, true)
  }
}
