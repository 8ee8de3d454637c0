import { settings } from '#core/settings'
import { defineConfig } from '@adonisjs/lucid'

/**
 * The central connection (public schema: the tenant registry). Tenant
 * connections are added at run time by app/tenancy/tenant_connections.ts,
 * one per tenant, each locked to its own schema and role.
 */
const dbConfig = defineConfig({
  connection: 'central',
  connections: {
    central: {
      client: 'pg',
      connection: {
        host: settings.database.host,
        port: settings.database.port,
        user: settings.database.user,
        password: settings.database.password,
        database: settings.database.name,
      },
      searchPath: ['public'],
      pool: { min: 0, max: settings.database.poolMax },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations/central'],
      },
      debug: false,
    },
  },
})

export default dbConfig
