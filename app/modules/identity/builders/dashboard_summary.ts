import { tenantDb } from '#tenancy/tenant_model'
import Department from '#modules/identity/models/department'

/**
 * Figures of the foundation dashboard: people and departments of the office.
 * Modules add their own panels on top.
 */
export async function loadDashboardSummary(locale: string) {
  const [departments, counts] = await Promise.all([
    Department.query().where('is_active', true).orderBy('name_ru').withCount('users'),
    tenantDb().from('users').select('status').count('* as total').groupBy('status'),
  ])
  const byStatus = Object.fromEntries(counts.map((row: any) => [row.status, Number(row.total)]))
  return {
    activeUsers: byStatus.active ?? 0,
    invitedUsers: byStatus.invited ?? 0,
    deactivatedUsers: byStatus.deactivated ?? 0,
    departments: departments.map((department) => ({
      id: department.id,
      name: department.name(locale),
      users: Number(department.$extras.users_count),
    })),
  }
}
