import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post', path: string, who: keyof typeof tokens) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens[who])
}

test.group('Orders | delegation | tree and visibility', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_tree')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('an executor delegates; the owner sees everything below, outsiders see nothing', async ({ assert, client }) => {
    const created = await api(client, 'post', '/orders', 'head').json({
      type: 'order',
      text: 'Подготовить программу модернизации первичного звена',
      deadlineKeyword: 'promptly',
      responsible: `department:${office.departments.health.id}`,
      issue: true,
    })
    created.assertStatus(201)
    const root = created.body().data

    const delegated = await api(client, 'post', `/orders/${root.id}/delegate`, 'healthHead').json({
      text: 'Согласовать с дорожниками подъездные пути к новым ФАПам',
      deadlineKeyword: 'date',
      // the root's own deadline (10 working days): "in 10 days" can be a holiday the calendar moves
      // back before the grandchild's urgent one (on 31 December, to 30 December)
      deadline: root.deadline,
      responsible: `department:${office.departments.roads.id}`,
    })
    delegated.assertStatus(201)
    const child = delegated.body().data
    assert.equal(child.parentId, root.id)

    const grandchild = await api(client, 'post', `/orders/${child.id}/delegate`, 'roadsHead').json({
      text: 'Обследовать дороги к ФАПам в трёх районах',
      deadlineKeyword: 'urgent',
      responsible: `user:${office.healthExecutor.id}`,
    })
    grandchild.assertStatus(201)

    // the head who issued the root sees the whole tree; so does the first delegate
    for (const who of ['head', 'healthHead'] as const) {
      const list = await api(client, 'get', '/orders', who)
      const ids = list.body().data.map((order: { id: number }) => order.id)
      assert.includeMembers(ids, [root.id, child.id, grandchild.body().data.id])
    }
    // the roads head sees the sub-order delegated to them and below, not the root
    const roads = (await api(client, 'get', '/orders', 'roadsHead')).body().data.map((order: { id: number }) => order.id)
    assert.includeMembers(roads, [child.id, grandchild.body().data.id])
    assert.notInclude(roads, root.id)
    ;(await api(client, 'get', `/orders/${root.id}`, 'roadsHead')).assertStatus(404)
    // an outsider from another department sees none of it
    const outsider = (await api(client, 'get', '/orders', 'outsider')).body().data.map((order: { id: number }) => order.id)
    assert.notInclude(outsider, root.id)
    assert.notInclude(outsider, child.id)
    ;(await api(client, 'get', `/orders/${child.id}`, 'outsider')).assertStatus(404)

    // delegating moved the root into work
    assert.equal((await api(client, 'get', `/orders/${root.id}`, 'head')).body().data.status, 'in_progress')
  })

  test('people outside the order cannot act on it', async ({ client }) => {
    const created = await api(client, 'post', '/orders', 'head').json({
      type: 'order',
      text: 'Провести проверку готовности к отопительному сезону',
      deadlineKeyword: 'urgent',
      responsible: `department:${office.departments.health.id}`,
      issue: true,
    })
    const order = created.body().data
    ;(await api(client, 'post', `/orders/${order.id}/delegate`, 'outsider').json({
      text: 'Попытка вмешаться', deadlineKeyword: 'urgent', responsible: `department:${office.departments.finance.id}`,
    })).assertStatus(404)
  })

  test('full-text search understands Russian word forms', async ({ assert, client }) => {
    await api(client, 'post', '/orders', 'head').json({
      type: 'order',
      text: 'Отремонтировать кровли школ Краснодара',
      deadlineKeyword: 'promptly',
      responsible: `department:${office.departments.health.id}`,
      issue: true,
    })
    const found = await api(client, 'get', '/orders?q=кровля школа', 'head')
    assert.isTrue(found.body().data.some((order: { text: string }) => order.text.includes('кровли школ')))
    const missing = await api(client, 'get', '/orders?q=космодром', 'head')
    assert.lengthOf(missing.body().data, 0)
  })

  test('search results go by deadline, or by relevance when asked', async ({ assert, client }) => {
    const issue = (text: string, days: number) =>
      api(client, 'post', '/orders', 'head').json({
        type: 'order',
        text,
        deadlineKeyword: 'date',
        deadline: DateTime.now().plus({ days }).toISODate(),
        responsible: `department:${office.departments.health.id}`,
        issue: true,
      })
    await issue('Проверить водостоки и, при необходимости, теплицы у больницы', 20)
    await issue('Проверить теплицы: теплицы, теплицу и каждую теплицу поликлиники', 40)
    const numbersOf = (response: any) => response.body().data.map((order: { text: string }) => order.text.slice(0, 20))
    const byDeadline = numbersOf(await api(client, 'get', '/orders?q=теплица', 'head'))
    const byRelevance = numbersOf(await api(client, 'get', '/orders?q=теплица&sort=relevance', 'head'))
    assert.deepEqual(byDeadline, ['Проверить водостоки ', 'Проверить теплицы: т'])
    assert.deepEqual(byRelevance, ['Проверить теплицы: т', 'Проверить водостоки '])
  })
})

test.group('Orders | isolation | tenants', () => {
  test("another tenant's order ids are 404 and its orders never listed", async ({ assert, client }) => {
    const alpha = await ordersOffice('ord_iso_a')
    const beta = await ensureTenant('ord_iso_b')
    const betaHead = await ensureUser(beta, 'head')
    const alphaToken = await issueToken(client, alpha.host, alpha.head.email)
    const created = await client.post('/api/v1/orders').header('host', alpha.host).bearerToken(alphaToken).json({
      type: 'order', text: 'Секретное поручение блока альфа', deadlineKeyword: 'urgent',
      responsible: `department:${alpha.departments.health.id}`, issue: true,
    })
    created.assertStatus(201)
    const betaToken = await issueToken(client, hostOf(beta), betaHead.email)
    const response = await client.get(`/api/v1/orders/${created.body().data.id}`).header('host', hostOf(beta)).bearerToken(betaToken)
    response.assertStatus(404)
    const list = await client.get('/api/v1/orders').header('host', hostOf(beta)).bearerToken(betaToken)
    assert.lengthOf(list.body().data, 0)
    ;(await client.post(`/api/v1/orders/${created.body().data.id}/start`).header('host', hostOf(beta)).bearerToken(betaToken)).assertStatus(404)
  })

  test('the portal has no orders module', async ({ client }) => {
    const portal = await ensureTenant('ord_portal', 'portal')
    const admin = await ensureUser(portal, 'admin')
    const token = await issueToken(client, hostOf(portal), admin.email)
    ;(await client.get('/api/v1/orders').header('host', hostOf(portal)).bearerToken(token)).assertStatus(404)
  })
})
