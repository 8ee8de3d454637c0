import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { WorkingCalendar } from '#modules/orders/calendar/working_calendar'

/**
 * The current tenant's working-day calendar (admins may edit its days).
 */
export async function tenantCalendar(): Promise<WorkingCalendar> {
  const rows: { day: Date | string; kind: string }[] = await tenantDb().from('orders_calendar_days').select('day', 'kind')
  const iso = (value: Date | string) =>
    value instanceof Date
      ? DateTime.fromObject({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() }).toISODate()!
      : String(value)
  return new WorkingCalendar({
    holidays: rows.filter((row) => row.kind === 'holiday').map((row) => iso(row.day)),
    workingWeekends: rows.filter((row) => row.kind === 'working_weekend').map((row) => iso(row.day)),
  })
}
