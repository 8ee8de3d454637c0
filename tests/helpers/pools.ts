import type pg from 'pg'
import env from '#start/env'
import { sharedPools } from '#tenancy/shared_pools'

/**
 * Runs `callback` while every connection of the runtime pool is checked out
 * (as under a burst of slow requests), with a short wait for a free one so
 * a request gives up quickly. The pools are reopened with the usual settings
 * afterwards.
 */
export async function whileRuntimePoolExhausted<T>(callback: () => Promise<T>, acquireTimeoutMs = 300): Promise<T> {
  env.set('DB_POOL_ACQUIRE_TIMEOUT_MS', acquireTimeoutMs as any)
  await sharedPools.end()
  const pool = sharedPools.pool('runtime')
  const held: pg.PoolClient[] = []
  try {
    for (let index = 0; index < (pool.options.max ?? 10); index++) held.push(await pool.connect())
    return await callback()
  } finally {
    for (const client of held) client.release()
    env.set('DB_POOL_ACQUIRE_TIMEOUT_MS', undefined as any)
    delete process.env.DB_POOL_ACQUIRE_TIMEOUT_MS
    await sharedPools.end()
  }
}

/**
 * Runs `callback` while the runtime pool connects to a port where nothing
 * listens, as when PostgreSQL (or PgBouncer) is down.
 */
export async function whileDatabaseDown<T>(callback: () => Promise<T>): Promise<T> {
  env.set('DB_POOL_PORT', 1 as any)
  await sharedPools.end()
  try {
    return await callback()
  } finally {
    env.set('DB_POOL_PORT', undefined as any)
    delete process.env.DB_POOL_PORT
    await sharedPools.end()
  }
}
