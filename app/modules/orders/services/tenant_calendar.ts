import { isoDay } from '#core/date_column'
import { tenantDb } from '#tenancy/tenant_model'
import { WorkingCalendar } from '#modules/orders/calendar/working_calendar'
import { DEFAULT_DEADLINE_RULES, type DeadlineRule, type DeadlineRules } from '#modules/orders/calendar/deadline_rules'

/**
 * The current tenant's working-day calendar (admins may edit its days).
 */
export async function tenantCalendar(): Promise<WorkingCalendar> {
  const rows: { day: Date | string; kind: string }[] = await tenantDb().from('orders_calendar_days').select('day', 'kind')
  return new WorkingCalendar({
    holidays: rows.filter((row) => row.kind === 'holiday').map((row) => isoDay(row.day)),
    workingWeekends: rows.filter((row) => row.kind === 'working_weekend').map((row) => isoDay(row.day)),
  })
}

/**
 * The current tenant's deadline keyword rules: its own where an admin set
 * them, the regional defaults otherwise.
 */
export async function tenantDeadlineRules(): Promise<DeadlineRules> {
  const rows: { keyword: keyof DeadlineRules; rule: DeadlineRule }[] = await tenantDb().from('orders_deadline_rules').select('keyword', 'rule')
  const rules = { ...DEFAULT_DEADLINE_RULES }
  for (const row of rows) if (row.keyword in rules) rules[row.keyword] = row.rule
  return rules
}
