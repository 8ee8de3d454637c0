import type { Redis } from 'ioredis'

/**
 * Deletes the Bull keys (jobs, schedules, wake-ups) an earlier run left under
 * this database's key prefix: they would run again, or be measured as lag.
 */
export async function clearBullKeys(redis: Redis, keyPrefix: string) {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${keyPrefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length) await redis.del(...keys)
  } while (cursor !== '0')
}
