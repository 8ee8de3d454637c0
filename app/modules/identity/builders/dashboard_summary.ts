import { tenantDb } from '#tenancy/tenant_model'

interface SummaryRow {
  departments: { id: number; name_ru: string; name_en: string; users: number }[]
  statuses: Record<string, number> | null
}

/**
 * Figures of the foundation dashboard: people and departments of the office,
 * in one round trip (this is the page every user opens first).
 */
export async function loadDashboardSummary(locale: string) {
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
  const { departments, statuses } = result.rows[0]
  return {
    activeUsers: statuses?.active ?? 0,
    invitedUsers: statuses?.invited ?? 0,
    deactivatedUsers: statuses?.deactivated ?? 0,
    departments: departments.map((row) => ({
      id: row.id,
      name: locale === 'en' ? row.name_en : row.name_ru,
      users: row.users,
    })),
  }
}
