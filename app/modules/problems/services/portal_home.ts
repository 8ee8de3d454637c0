import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { ExpiringCache } from '#core/expiring_cache'
import { PROBLEM_STATUSES, type ProblemStatus } from '#modules/problems/models/problem'
import { publicProblems } from '#modules/problems/services/public_queries'
import { firstPhotos } from '#modules/problems/services/thumbnails'
import { tileSettings } from '#modules/problems/controllers/problems_controller'

/** How many of the newest problems the portal's front page shows. */
export const HOME_RECENT = 6

/**
 * The counts by status read every public problem (≈100 ms at 500 000), and
 * the front page is the portal's most visited: they are kept a minute per
 * process, shared by the requests of that minute.
 */
const statusCounts = new ExpiringCache<Map<string, number>>(60_000, 100)

async function countsByStatus() {
  const key = tenantScope.currentOrFail().slug
  const counts = await statusCounts.fetch(key, async () => {
    const rows = await tenantDb().from('problems').whereNull('hidden_at').select('status').count('* as count').groupBy('status')
    return new Map(rows.map((row: { status: ProblemStatus; count: string | number }) => [row.status, Number(row.count)]))
  })
  return counts!
}

/** Forgets the counts (tests; a change is otherwise seen within the minute). */
export function forgetStatusCounts() {
  statusCounts.clear()
}

/**
 * The portal's front page: the newest public problems (with a photo when
 * there is one; the partial index on created_at answers it), how many
 * public problems there are in each status (up to a minute old), and the map.
 */
export async function portalHomeData() {
  const recent = await publicProblems({}).preload('theme').preload('municipality').limit(HOME_RECENT)
  const byStatus = await countsByStatus()
  const counts = PROBLEM_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }))
  return {
    recent,
    thumbs: await firstPhotos(recent.map((problem) => problem.id)),
    counts,
    total: counts.reduce((sum, entry) => sum + entry.count, 0),
    tiles: tileSettings(),
  }
}
