import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'
import { settings } from '#core/settings'

/**
 * One Lucid connection (pool) per tenant. Every pooled session switches to the
 * tenant's role and sets search_path to the tenant's schema only, so a query
 * that names another schema, or forgets the tenant, fails with permission
 * denied instead of reading a neighbour.
 */

export interface TenantIdentity {
  slug: string
  schemaName: string
  roleName: string
}

export const TENANT_MIGRATIONS_PATH = 'database/migrations/tenant'

export function connectionNameFor(slug: string) {
  return `tenant_${slug}`
}

/**
 * A pool whose every session runs as `role` with only `searchPath` visible:
 * the tenant pools, and the bus role's pool.
 */
export function roleConnectionConfig(role: string, searchPath: string): PostgreConfig {
  const sessionSetup = `set role ${pg.escapeIdentifier(role)}; set search_path to ${searchPath}`
  return {
    client: 'pg',
    connection: {
      host: settings.database.host,
      port: settings.database.port,
      user: settings.database.user,
      password: settings.database.password,
      database: settings.database.name,
    },
    pool: {
      min: 0,
      max: settings.database.poolMax,
      idleTimeoutMillis: settings.database.poolIdleMs,
      reapIntervalMillis: Math.min(1000, settings.database.poolIdleMs),
      afterCreate(connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) {
        connection.query(sessionSetup, (error: Error | null) => done(error, connection))
      },
    },
    debug: false,
  }
}

function connectionConfig(tenant: TenantIdentity): PostgreConfig {
  return {
    ...roleConnectionConfig(tenant.roleName, pg.escapeIdentifier(tenant.schemaName)),
    migrations: {
      naturalSort: true,
      paths: [TENANT_MIGRATIONS_PATH],
      tableName: 'adonis_schema',
    },
  }
}

/**
 * Returns the tenant's connection name, registering the pool on first use.
 */
export function ensureTenantConnection(tenant: TenantIdentity): string {
  const name = connectionNameFor(tenant.slug)
  if (!db.manager.has(name)) {
    db.manager.add(name, connectionConfig(tenant))
  }
  return name
}

/**
 * Closes and forgets a tenant's pool (after drop, or when its role changes).
 */
export async function closeTenantConnection(slug: string) {
  const name = connectionNameFor(slug)
  if (db.manager.has(name)) {
    await db.manager.close(name, true)
  }
}
