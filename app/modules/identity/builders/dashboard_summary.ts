import { tenantDb } from '#tenancy/tenant_model'

interface DepartmentRow {
  id: number
  name_ru: string
  name_en: string
  users: number
}

/**
 * Figures of the foundation dashboard: people and departments of the office.
 * Plain rows instead of models: this page is the one every user opens first.
 */
export async function loadDashboardSummary(locale: string) {
  const client = tenantDb()
  const [departments, statuses] = await Promise.all([
    client.rawQuery<{ rows: DepartmentRow[] }>(
      `select d.id, d.name_ru, d.name_en, count(u.id)::int as users
         from departments d left join users u on u.department_id = d.id
        where d.is_active
        group by d.id
        order by d.name_ru`
    ),
    client.rawQuery<{ rows: { status: string; total: number }[] }>(
      'select status, count(*)::int as total from users group by status'
    ),
  ])
  const byStatus = Object.fromEntries(statuses.rows.map((row) => [row.status, row.total]))
  return {
    activeUsers: byStatus.active ?? 0,
    invitedUsers: byStatus.invited ?? 0,
    deactivatedUsers: byStatus.deactivated ?? 0,
    departments: departments.rows.map((row) => ({
      id: row.id,
      name: locale === 'en' ? row.name_en : row.name_ru,
      users: row.users,
    })),
  }
}
