import type { ApiClient } from '@japa/api-client'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import type Tenant from '#tenancy/tenant'
import { ensureTenant, ensureUser, hostOf, inTenant, TEST_PASSWORD } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'

/**
 * A block with the people an order passes through: the head who issues, a
 * department (head + executor), a second department's head to delegate to,
 * a controller, and an outsider from a third department.
 */
export async function ordersOffice(slug: string) {
  const tenant = await ensureTenant(slug)
  const [health, roads, finance] = await inTenant(tenant, async () => [
    await Department.firstOrCreate({ code: 'health' }, { nameRu: 'Минздрав', nameEn: 'Health', isActive: true }),
    await Department.firstOrCreate({ code: 'roads' }, { nameRu: 'Дороги', nameEn: 'Roads', isActive: true }),
    await Department.firstOrCreate({ code: 'finance' }, { nameRu: 'Минфин', nameEn: 'Finance', isActive: true }),
  ])
  const person = async (role: Parameters<typeof ensureUser>[1], name: string, departmentId: number | null) => {
    const user = await ensureUser(tenant, role, `${name}@${slug.replace(/_/g, '-')}.test`)
    if (user.departmentId !== departmentId) {
      await inTenant(tenant, async () => {
        const fresh = await User.findOrFail(user.id)
        fresh.departmentId = departmentId
        await fresh.save()
      })
      user.departmentId = departmentId
    }
    return user
  }
  return {
    tenant,
    host: hostOf(tenant),
    departments: { health, roads, finance },
    head: await person('head', 'head', null),
    healthHead: await person('department_head', 'health-head', health.id),
    healthExecutor: await person('executor', 'health-executor', health.id),
    roadsHead: await person('department_head', 'roads-head', roads.id),
    controller: await person('controller', 'controller', null),
    outsider: await person('executor', 'outsider', finance.id),
  }
}

export type OrdersOffice = Awaited<ReturnType<typeof ordersOffice>>

/** API tokens for every person of the office, by key. */
export async function tokensFor(client: ApiClient, office: OrdersOffice) {
  const keys = ['head', 'healthHead', 'healthExecutor', 'roadsHead', 'controller', 'outsider'] as const
  const tokens = {} as Record<(typeof keys)[number], string>
  for (const key of keys) tokens[key] = await issueToken(client, office.host, office[key].email, TEST_PASSWORD)
  return tokens
}

export function inOffice<T>(office: { tenant: Tenant }, callback: () => Promise<T>) {
  return inTenant(office.tenant, callback)
}
