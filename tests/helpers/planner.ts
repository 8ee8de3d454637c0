import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import type { OrdersOffice } from '#tests/helpers/orders'

/** The Moscow wall-clock day N days from today (YYYY-MM-DD). */
export function moscowDay(offsetDays = 0) {
  return DateTime.now().setZone('Europe/Moscow').plus({ days: offsetDays }).toISODate()!
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
