import redis from '@adonisjs/redis/services/main'
import { tenantScope } from '#tenancy/tenant_scope'

const CACHE_SECONDS = 600
const generationKey = () => `staffing:generation:${tenantScope.currentOrFail().slug}`

/**
 * Staffing figures change only when someone changes positions, staff or
 * thresholds (or the day turns): they are kept in Redis under the tenant's
 * current generation, which every change bumps, so a dashboard never shows
 * figures older than the last change and never recomputes 80 departments'
 * tables for nothing.
 */
export async function cachedFigures<T>(name: string, compute: () => Promise<T>): Promise<T> {
  const generation = (await redis.get(generationKey())) ?? '0'
  const key = `staffing:figures:${tenantScope.currentOrFail().slug}:${generation}:${name}`
  const hit = await redis.get(key)
  if (hit) return JSON.parse(hit) as T
  const value = await compute()
  await redis.setex(key, CACHE_SECONDS, JSON.stringify(value))
  return value
}

/** Called after every committed change of staffing data. */
export async function staffingChanged() {
  await redis.incr(generationKey())
}
