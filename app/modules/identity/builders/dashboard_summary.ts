import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { ExpiringCache } from '#core/expiring_cache'

interface SummaryRow {
  departments: { id: number; name_ru: string; name_en: string; users: number }[]
  statuses: Record<string, number> | null
}

/**
 * The figures per tenant, kept a few seconds: the page every user opens
 * first would otherwise plan and run the same aggregate on every visit.
 * Saving or deleting a user or a department in this process forgets them at
 * once (forgetDashboardSummary, from those models' hooks); a change made by
 * another process shows within the lifetime.
 */
const DASHBOARD_TTL_MS = 5_000
const summaries = new ExpiringCache<SummaryRow>(DASHBOARD_TTL_MS, 1_000)

/** Forgets the current tenant's dashboard figures (after a change of users or departments). */
export function forgetDashboardSummary() {
  const tenant = tenantScope.current()
  if (tenant) summaries.forget(tenant.slug)
  else summaries.clear()
}

/**
 * Figures of the foundation dashboard: people and departments of the office,
 * in one round trip (this is the page every user opens first).
 */
export async function loadDashboardSummary(locale: string) {
  const row = await summaries.fetch(tenantScope.currentOrFail().slug, queryDashboardSummary)
  const { departments, statuses } = row!
  return {
    activeUsers: statuses?.active ?? 0,
    invitedUsers: statuses?.invited ?? 0,
    deactivatedUsers: statuses?.deactivated ?? 0,
    departments: departments.map((department) => ({
      id: department.id,
      name: locale === 'en' ? department.name_en : department.name_ru,
      users: department.users,
    })),
  }
}

async function queryDashboardSummary(): Promise<SummaryRow> {
  const result = await tenantDb().rawQuery<{ rows: SummaryRow[] }>(
    `select
       coalesce((
         select json_agg(row_to_json(d) order by d.name_ru)
           from (select dep.id, dep.name_ru, dep.name_en, count(u.id)::int as users
                   from departments dep left join users u on u.department_id = dep.id
                  where dep.is_active
                  group by dep.id) d
       ), '[]') as departments,
       (select json_object_agg(status, total)
          from (select status, count(*)::int as total from users group by status) s) as statuses`
  )
  return result.rows[0]
}
