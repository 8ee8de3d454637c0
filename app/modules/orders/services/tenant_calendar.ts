import { isoDay } from '#core/date_column'
import { tenantDb } from '#tenancy/tenant_model'
import { WorkingCalendar } from '#modules/orders/calendar/working_calendar'

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
