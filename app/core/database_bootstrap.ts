import pg from 'pg'
import { postgresTarget } from '#core/preflight'

/** Runs `work` on a connection to the maintenance database (`postgres`), closed afterwards. */
export async function withMaintenanceClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...postgresTarget(), database: 'postgres' })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Creates the application database when it is missing. Runs against the
 * maintenance database because the target one may not exist yet.
 */
export async function ensureDatabaseExists(name: string): Promise<boolean> {
  return withMaintenanceClient(async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount) return false
    await client.query(`create database ${pg.escapeIdentifier(name)}`)
    return true
  })
}

/**
 * Drops a database and every tenant role derived from its name. Used by the
 * test runner to start each run from nothing.
 */
export async function dropDatabaseAndRoles(name: string, rolePrefix: string) {
  await withMaintenanceClient(async (client) => {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    const roles = await client.query(
      `select rolname from pg_roles where rolname like $1 escape '\\'`,
      [`${rolePrefix.replace(/_/g, '\\_')}%`]
    )
    for (const row of roles.rows) {
      await client.query(`drop role if exists ${pg.escapeIdentifier(row.rolname)}`)
    }
  })
}
