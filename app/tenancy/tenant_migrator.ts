import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { ensureTenantConnection, type TenantIdentity } from '#tenancy/tenant_connections'

/**
 * Runs Lucid migrations from database/migrations/tenant against one tenant's
 * connection; the bookkeeping table lives in the tenant's own schema. Lucid's
 * lock is database-wide, so callers migrate tenants one after another.
 */
export class TenantMigrator {
  constructor(protected tenant: TenantIdentity) {}

  async #run(options: ConstructorParameters<typeof MigrationRunner>[2]) {
    const runner = new MigrationRunner(db, app, options)
    // runner.close() would close every pool in the process, so it is not called.
    await runner.run()
    if (runner.error) throw runner.error
    return Object.values(runner.migratedFiles).map((file) => file.file.name)
  }

  /** Applies pending migrations; returns the names applied. */
  async migrate(): Promise<string[]> {
    const connectionName = ensureTenantConnection(this.tenant)
    return this.#run({ direction: 'up', connectionName })
  }

  /** Rolls back the latest batch; returns the names rolled back. */
  async rollback(): Promise<string[]> {
    const connectionName = ensureTenantConnection(this.tenant)
    return this.#run({ direction: 'down', connectionName })
  }

  /** Names of migrations not yet applied. */
  async pending(): Promise<string[]> {
    const connectionName = ensureTenantConnection(this.tenant)
    const runner = new MigrationRunner(db, app, { direction: 'up', connectionName })
    const list = await runner.getList()
    return list.filter((item) => item.status === 'pending').map((item) => item.name)
  }
}
