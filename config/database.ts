import { defineConfig } from '@adonisjs/lucid'
import { identityConnectionConfig } from '#tenancy/tenant_connections'

/**
 * The central connection (public schema: the tenant registry), on the
 * admin pool as the configured DB_USER. Tenant, owner and bus connections
 * are added at run time by app/tenancy/tenant_connections.ts; every one of
 * them borrows from the process's two shared pools (app/tenancy/shared_pools.ts).
 */
const dbConfig = defineConfig({
  connection: 'central',
  connections: {
    central: {
      ...identityConnectionConfig('admin', null),
      migrations: {
        naturalSort: true,
        paths: ['database/migrations/central'],
      },
      // models are written by hand; `migration:run` must not leave a generated database/schema.ts behind
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
