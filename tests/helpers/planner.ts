import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import type { OrdersOffice } from '#tests/helpers/orders'
import { REGION_ZONE, regionToday } from '#core/region_time'
import { WorkingCalendar, loadProductionCalendar } from '#modules/orders/calendar/working_calendar'

/** The calendar a test tenant's orders count on (the production calendar it is seeded with). */
const calendar = WorkingCalendar.fromData(loadProductionCalendar())

/** The Moscow wall-clock day N days from today (YYYY-MM-DD). */
export function moscowDay(offsetDays = 0) {
  return regionToday().plus({ days: offsetDays }).toISODate()!
}

/**
 * The day an order due N days from today is due once issued: that day, or the
 * working day before it when it is a weekend or a holiday (where the app moves
 * late deadlines). Expectations about deadlines come from here, so a test
 * passes on any day it runs (KRAI_TODAY proves it).
 */
export function dueDay(offsetDays: number) {
  return calendar.previousWorkingDay(DateTime.fromISO(moscowDay(offsetDays), { zone: REGION_ZONE })).toISODate()!
}

/** The first working day N or more days from today: a deadline the calendar leaves where it is. */
export function workingDayFrom(offsetDays: number) {
  return calendar.nextWorkingDay(DateTime.fromISO(moscowDay(offsetDays), { zone: REGION_ZONE })).toISODate()!
}

/** Issues an order from the head to the health department over the API; returns its JSON. */
export async function issueOrderToHealth(client: ApiClient, office: OrdersOffice, headToken: string, text: string, deadline: string) {
  const response = await client
    .post('/api/v1/orders')
    .header('host', office.host)
    .bearerToken(headToken)
    .json({ type: 'order', text, deadlineKeyword: 'date', deadline, responsible: `department:${office.departments.health.id}`, issue: true })
  response.assertStatus(201)
  return response.body().data as { id: number; number: string; deadline: string }
}

/** Creates a planner item over the API for the token's owner; returns its JSON. */
export async function createItem(client: ApiClient, host: string, token: string, fields: Record<string, unknown>) {
  const response = await client.post('/api/v1/planner/items').header('host', host).bearerToken(token).json({ kind: 'event', ...fields })
  response.assertStatus(201)
  return response.body().data as { id: number; startsAt: string; endsAt: string | null }
}
