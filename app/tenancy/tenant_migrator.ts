import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { ensureTenantOwnerConnection, type TenantIdentity } from '#tenancy/tenant_connections'
import { sharedPools } from '#tenancy/shared_pools'
import { describeDatabaseError, errors } from '#core/errors'

/**
 * Runs Lucid migrations from database/migrations/tenant as the tenant's
 * owner role; the bookkeeping table lives in the tenant's own schema.
 *
 * Lucid's own lock is a session advisory lock taken and released by two
 * separate statements, which a pool that lends a connection per statement
 * cannot keep on one session; instead one connection holds a lock per
 * tenant for the whole run, so two processes never migrate one tenant at
 * once (different tenants may migrate side by side).
 */
export class TenantMigrator {
  constructor(protected tenant: TenantIdentity) {}

  async #locked<T>(work: () => Promise<T>): Promise<T> {
    const client = await sharedPools.pool('admin').connect()
    const key = `krai:migrate:${this.tenant.schemaName}`
    let lost: Error | undefined
    const onError = (error: Error) => (lost = error)
    client.on('error', onError)
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [key])
      return await work()
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => {})
      client.removeListener('error', onError)
      client.release(lost)
    }
  }

  async #run(direction: 'up' | 'down') {
    const connectionName = ensureTenantOwnerConnection(this.tenant)
    return this.#locked(async () => {
      const runner = new MigrationRunner(db, app, { direction, connectionName, disableLocks: true })
      // runner.close() would close every pool in the process, so it is not called.
      await runner.run()
      if (runner.error) {
        const failed = Object.values(runner.migratedFiles).find((file) => file.status === 'error')
        const where = failed ? `migration ${failed.file.name}: ` : ''
        throw new errors.E_MIGRATION_FAILED(`${where}${describeDatabaseError(runner.error)}`, { cause: runner.error })
      }
      return Object.values(runner.migratedFiles).map((file) => file.file.name)
    })
  }

  /** Applies pending migrations; returns the names applied. */
  async migrate(): Promise<string[]> {
    return this.#run('up')
  }

  /** Rolls back the latest batch; returns the names rolled back. */
  async rollback(): Promise<string[]> {
    return this.#run('down')
  }

  /** Names of migrations not yet applied. */
  async pending(): Promise<string[]> {
    const connectionName = ensureTenantOwnerConnection(this.tenant)
    const runner = new MigrationRunner(db, app, { direction: 'up', connectionName, disableLocks: true })
    const list = await runner.getList()
    return list.filter((item) => item.status === 'pending').map((item) => item.name)
  }
}
