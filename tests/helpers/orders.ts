import type { ApiClient } from '@japa/api-client'
import { blockOffice, TEST_PASSWORD } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'

/**
 * A block with the people an order passes through: the head who issues, a
 * department (head + executor), a second department's head to delegate to,
 * a controller, and an outsider from a third department.
 */
export function ordersOffice(slug: string) {
  return blockOffice(
    slug,
    {
      health: { nameRu: 'Минздрав', nameEn: 'Health' },
      roads: { nameRu: 'Дороги', nameEn: 'Roads' },
      finance: { nameRu: 'Минфин', nameEn: 'Finance' },
    },
    {
      head: { role: 'head' },
      healthHead: { role: 'department_head', department: 'health' },
      healthExecutor: { role: 'executor', department: 'health' },
      roadsHead: { role: 'department_head', department: 'roads' },
      controller: { role: 'controller' },
      outsider: { role: 'executor', department: 'finance' },
    }
  )
}

export type OrdersOffice = Awaited<ReturnType<typeof ordersOffice>>

/** API tokens for every person of the office, by key. */
export async function tokensFor(client: ApiClient, office: OrdersOffice) {
  const keys = ['head', 'healthHead', 'healthExecutor', 'roadsHead', 'controller', 'outsider'] as const
  const tokens = {} as Record<(typeof keys)[number], string>
  for (const key of keys) tokens[key] = await issueToken(client, office.host, office[key].email, TEST_PASSWORD)
  return tokens
}

export { inOffice } from '#tests/helpers/tenants'
