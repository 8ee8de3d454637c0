import pg from 'pg'
import { postgresTarget } from '#core/preflight'

/**
 * Creates the application database when it is missing. Runs against the
 * maintenance database because the target one may not exist yet.
 */
export async function ensureDatabaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ ...postgresTarget(), database: 'postgres' })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount) return false
    await client.query(`create database ${pg.escapeIdentifier(name)}`)
    return true
  } finally {
    await client.end()
  }
}

/**
 * Drops a database and every tenant role derived from its name. Used by the
 * test runner to start each run from nothing.
 */
export async function dropDatabaseAndRoles(name: string, rolePrefix: string) {
  const client = new pg.Client({ ...postgresTarget(), database: 'postgres' })
  await client.connect()
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    const roles = await client.query(
      `select rolname from pg_roles where rolname like $1 escape '\\'`,
      [`${rolePrefix.replace(/_/g, '\\_')}%`]
    )
    for (const row of roles.rows) {
      await client.query(`drop role if exists ${pg.escapeIdentifier(row.rolname)}`)
    }
  } finally {
    await client.end()
  }
}
