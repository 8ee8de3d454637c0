import pg from 'pg'
import { rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import { settings } from '#core/settings'
import { rolePrefix } from '#tenancy/naming'
import { prepareCentralDatabase } from '#core/prepare_database'
import { dropDatabaseAndRoles, ensureDatabaseExists, withMaintenanceClient } from '#core/database_bootstrap'

/**
 * A path under tmp/ that belongs to this run's database: two runs side by
 * side (the shards of `npm test`, a helper's run) never clear or overwrite
 * each other's files. bin/test.ts points the Drive there too.
 */
export function testTmpPath(...parts: string[]) {
  return app.makePath('tmp', settings.database.name, ...parts)
}

/**
 * Drops the test database and every role derived from its name, then
 * recreates the database and applies central migrations.
 */
export async function resetTestDatabase() {
  if (!settings.database.name.includes('test')) {
    throw new Error(`Refusing to reset "${settings.database.name}": the test database name must contain "test"`)
  }
  await db.manager.closeAll()
  await dropDatabaseAndRoles(settings.database.name, rolePrefix())
  await rm(testTmpPath('files'), { recursive: true, force: true })
  // a test database need not survive a crash: commits do not wait for the disk (each tenant's migrations commit dozens of times)
  await ensureDatabaseExists(settings.database.name)
  await withMaintenanceClient((client) => client.query(`alter database ${pg.escapeIdentifier(settings.database.name)} set synchronous_commit = off`))
  await prepareCentralDatabase()
}

/**
 * Removes every Redis key of the test database's prefix (sessions, limiter,
 * queue), leaving other databases' keys alone.
 */
export async function resetTestRedis() {
  const connection = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
  const pattern = `${settings.redis.keyPrefix}:*`
  const patterns = [pattern, `bull:${pattern}`]
  for (const match of patterns) {
    let cursor = '0'
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', match, 'COUNT', 500)
      cursor = next
      if (keys.length) await connection.del(...keys)
    } while (cursor !== '0')
  }
  await connection.quit()
}

const inBackground: Promise<unknown>[] = []

/**
 * Cleanup that need not hold up the next tests (dropping a database makes
 * PostgreSQL checkpoint, tens of seconds of disk work): started now, awaited
 * once the run is over (`awaitBackgroundCleanup`, a runner teardown hook).
 */
export function cleanUpInBackground(work: () => Promise<unknown>) {
  inBackground.push(work())
}

export async function awaitBackgroundCleanup() {
  const results = await Promise.allSettled(inBackground.splice(0))
  for (const result of results) if (result.status === 'rejected') console.error('Background cleanup failed:', result.reason)
}
