import { DateTime } from 'luxon'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import { seesAllCases } from '#modules/lawsuits/policies/lawsuit_policy'
import { lawsuitsDashboard, type LawsuitFigures } from '#modules/lawsuits/services/lawsuits_dashboard'

const CACHE_SECONDS = 60

const versionKey = () => `lawsuits:version:${tenantScope.currentOrFail().slug}`

/**
 * Marks the tenant's cases as changed: cached dashboard figures computed
 * before are not used again. Called after a case is written.
 */
export async function lawsuitsChanged() {
  try {
    await redis.incr(versionKey())
  } catch (error) {
    logger.warn({ error: (error as Error).message }, 'could not mark lawsuits as changed')
  }
}

/**
 * The dashboard figures, computed at most once a minute for the same set of
 * visible cases and only while no case changed (a version counter bumped by
 * every write is part of the key): aggregating every case on each view of
 * a busy page is the cost this saves. The page shows when they were computed.
 */
export async function cachedLawsuitsDashboard(user: User): Promise<LawsuitFigures & { computedAt: string }> {
  const audience = seesAllCases(user) ? 'all' : `u${user.id}:d${user.departmentId ?? 0}`
  const version = (await redis.get(versionKey())) ?? '0'
  const key = `lawsuits:dashboard:${tenantScope.currentOrFail().slug}:v${version}:${audience}`
  const cached = await redis.get(key)
  if (cached) return JSON.parse(cached)
  const figures = { ...(await lawsuitsDashboard(user)), computedAt: DateTime.now().toISO()! }
  await redis.setex(key, CACHE_SECONDS, JSON.stringify(figures))
  return figures
}
