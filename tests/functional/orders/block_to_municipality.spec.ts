import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { relayOutbox } from '#bus/relay'
import { applyInbox, loadBusHandlers } from '#bus/apply'
import { tenantScope } from '#tenancy/tenant_scope'
import Order from '#modules/orders/models/order'
import { publishDirectory } from '#modules/identity/services/directory'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import { bodyOffice, inTenant } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

let block: Awaited<ReturnType<typeof offices>>['block']
let town: Awaited<ReturnType<typeof offices>>['town']
let village: Awaited<ReturnType<typeof offices>>['village']

async function offices() {
  const department = { nameRu: 'Управление ЖКХ', nameEn: 'Housing' }
  return {
    block: await bodyOffice('block', 'bm_block', { roads: { nameRu: 'Министерство транспорта', nameEn: 'Transport' } }, { head: { role: 'head' } }),
    town: await bodyOffice('municipality', 'bm_town', { housing: department }, { housingHead: { role: 'department_head', department: 'housing' } }),
    village: await bodyOffice('municipality', 'bm_village', { housing: department }, {}),
  }
}

/** Relays and applies every pending message among these tenants until they are quiet. */
async function pump(tenants: Tenant[]) {
  await loadBusHandlers()
  for (let round = 0; round < 6; round++) {
    let moved = 0
    for (const tenant of tenants) {
      const relayed = await inTenant(tenant, () => relayOutbox())
      moved += Object.values(relayed).reduce((sum: number, value) => sum + (typeof value === 'number' ? value : 0), 0)
      const applied = await inTenant(tenant, () => applyInbox())
      moved += Object.values(applied).reduce((sum: number, value) => sum + (typeof value === 'number' ? value : 0), 0)
    }
    if (!moved) return
  }
}

test.group('Orders | across tenants (a block → a municipal department)', (group) => {
  group.setup(async () => {
    ;({ block, town, village } = await offices())
    // the municipalities tell the block (and the portal) their departments over the bus
    for (const office of [town, village]) await inTenant(office.tenant, () => publishDirectory())
    await pump([block.tenant, town.tenant, village.tenant])
  })

  test('a block learns municipal departments over the bus, never other blocks', async ({ assert }) => {
    const known = await inTenant(block.tenant, () => remoteDepartments())
    assert.includeDeepMembers(
      known.map((row) => [row.block, row.code]),
      [
        ['bm_town', 'housing'],
        ['bm_village', 'housing'],
      ]
    )
    assert.isFalse(known.some((row) => row.block === 'bm_block'))
    // a municipality itself names nobody else's departments
    assert.deepEqual(await inTenant(town.tenant, () => remoteDepartments()), [])
    await inTenant(block.tenant, async () => assert.equal(tenantScope.currentOrFail().slug, 'bm_block'))
  })

  test('an order of a block to a municipal department arrives there as an order and its progress flows back', async ({ assert, client }) => {
    const token = await issueToken(client, block.host, block.head.email)
    const created = await client
      .post('/api/v1/orders')
      .header('host', block.host)
      .bearerToken(token)
      .json({
        type: 'order',
        text: 'Восстановить освещение дворов в границах муниципального образования',
        deadlineKeyword: 'date',
        deadline: DateTime.now().plus({ days: 30 }).toISODate(),
        responsible: 'remote:bm_town:housing',
        issue: true,
      })
    created.assertStatus(201)
    const order = created.body().data

    await pump([block.tenant, town.tenant, village.tenant])
    const copy = await inTenant(town.tenant, () => Order.query().where('origin_tenant', 'bm_block').where('origin_order_id', order.id).preload('executors').firstOrFail())
    assert.equal(copy.status, 'issued')
    assert.equal(copy.executors[0].departmentId, town.departments.housing.id)
    assert.equal(await inTenant(village.tenant, async () => (await Order.query().where('origin_tenant', 'bm_block')).length), 0)

    const townToken = await issueToken(client, town.host, town.housingHead.email)
    ;(await client.post(`/api/v1/orders/${copy.id}/start`).header('host', town.host).bearerToken(townToken)).assertStatus(200)
    await pump([block.tenant, town.tenant, village.tenant])
    const sent = await client.get(`/api/v1/orders/${order.id}`).header('host', block.host).bearerToken(token)
    assert.equal(sent.body().data.status, 'in_progress')
  })

  test('a department the directory does not list is refused with a per-field message', async ({ client }) => {
    const token = await issueToken(client, block.host, block.head.email)
    const refused = await client
      .post('/api/v1/orders')
      .header('host', block.host)
      .bearerToken(token)
      .json({ type: 'order', text: 'Не туда', deadlineKeyword: 'date', deadline: DateTime.now().plus({ days: 30 }).toISODate(), responsible: 'remote:bm_town:nowhere' })
    refused.assertStatus(422)
  })
})

