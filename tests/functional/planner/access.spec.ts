import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import PlannerItem from '#modules/planner/models/planner_item'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { createItem, issueOrderToHealth, moscowDay } from '#tests/helpers/planner'
import { SESSION_COOKIE, issueToken, postFrom, signIn } from '#tests/helpers/http'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

test.group('Planner | access', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_access')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('another user\'s item is 404 on every web and API route, and stays unchanged', async ({ assert, client }) => {
    const mine = await createItem(client, office.host, tokens.healthHead, { title: 'Личная встреча', startsAt: `${moscowDay(1)}T10:00` })
    const { session } = await signIn(client, office.host, office.outsider.email)
    const get = (path: string) => client.get(path).header('host', office.host).withCookie(SESSION_COOKIE, session)
    ;(await get(`/planner/items/${mine.id}/edit`)).assertStatus(404)
    for (const action of [`/planner/items/${mine.id}`, `/planner/items/${mine.id}/move`, `/planner/items/${mine.id}/delete`]) {
      const { response } = await postFrom(client, office.host, session, '/planner', action, { kind: 'event', title: 'Взлом', startsAt: `${moscowDay(2)}T10:00` })
      assert.equal(response.status(), 404, action)
    }
    const path = `/api/v1/planner/items/${mine.id}`
    ;(await client.get(path).header('host', office.host).bearerToken(tokens.outsider)).assertStatus(404)
    ;(await client.put(path).header('host', office.host).bearerToken(tokens.outsider).json({ kind: 'event', title: 'Взлом', startsAt: `${moscowDay(2)}T10:00` })).assertStatus(404)
    ;(await client.delete(path).header('host', office.host).bearerToken(tokens.outsider)).assertStatus(404)

    const week = await get(`/planner?view=week&date=${moscowDay(1)}`)
    assert.notInclude(week.text(), 'Личная встреча')
    const untouched = await inOffice(office, () => PlannerItem.findOrFail(mine.id))
    assert.equal(untouched.title, 'Личная встреча')
  })

  test('another tenant: the id is 404 there and nothing of this tenant is visible', async ({ assert, client }) => {
    const mine = await createItem(client, office.host, tokens.head, { title: 'Заседание правительства', startsAt: `${moscowDay(1)}T15:00` })
    const other = await ensureTenant('plan_access_b')
    const stranger = await ensureUser(other, 'head')
    const strangerToken = await issueToken(client, hostOf(other), stranger.email)
    ;(await client.get(`/api/v1/planner/items/${mine.id}`).header('host', hostOf(other)).bearerToken(strangerToken)).assertStatus(404)
    const list = await client.get(`/api/v1/planner/items?from=${moscowDay(0)}&to=${moscowDay(7)}`).header('host', hostOf(other)).bearerToken(strangerToken)
    assert.deepEqual(list.body().data, [])
    const { session } = await signIn(client, hostOf(other), stranger.email)
    ;(await client.get(`/planner/items/${mine.id}/edit`).header('host', hostOf(other)).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    // this tenant's token means nothing on the other host
    ;(await client.get(`/api/v1/planner/items/${mine.id}`).header('host', hostOf(other)).bearerToken(tokens.head)).assertStatus(401)
  })

  test('the planner does not exist on the portal', async ({ client }) => {
    const portal = await ensureTenant('plan_portal', 'portal')
    ;(await client.get('/planner').header('host', hostOf(portal))).assertStatus(404)
  })

  test('delegated-task control: the head sees, read-only, what executors planned for his orders and the orders delegated below', async ({ assert, client }) => {
    const root = await issueOrderToHealth(client, office, tokens.head, 'Организовать вакцинацию в сёлах', moscowDay(20))
    const child = await client
      .post(`/api/v1/orders/${root.id}/delegate`)
      .header('host', office.host)
      .bearerToken(tokens.healthHead)
      .json({ text: 'Расчистить дороги к ФАПам', deadlineKeyword: 'date', deadline: DateTime.now().plus({ days: 10 }).toISODate(), responsible: `department:${office.departments.roads.id}` })
    child.assertStatus(201)
    const childId = child.body().data.id

    await createItem(client, office.host, tokens.healthExecutor, { kind: 'task', title: 'Составить график выездов', startsAt: `${moscowDay(3)}T10:00`, orderId: root.id })
    await createItem(client, office.host, tokens.roadsHead, { title: 'Выезд грейдера', startsAt: `${moscowDay(4)}T08:00`, orderId: childId })
    await createItem(client, office.host, tokens.outsider, { title: 'Не по поручению', startsAt: `${moscowDay(4)}T08:00` })
    const own = await createItem(client, office.host, tokens.head, { title: 'Свой контроль', startsAt: `${moscowDay(4)}T09:00`, orderId: root.id })

    const head = (await signIn(client, office.host, office.head.email)).session
    const headView = await client.get('/planner/delegated').header('host', office.host).withCookie(SESSION_COOKIE, head)
    headView.assertStatus(200)
    headView.assertTextIncludes('Составить график выездов')
    headView.assertTextIncludes('Выезд грейдера')
    headView.assertTextIncludes(office.roadsHead.fullName)
    assert.notInclude(headView.text(), 'Не по поручению')
    assert.notInclude(headView.text(), 'Свой контроль')
    // read-only: no edit links or forms for the items shown
    assert.notMatch(headView.text(), /\/planner\/items\/\d+/)
    ;(await client.get(`/planner/items/${own.id}/edit`).header('host', office.host).withCookie(SESSION_COOKIE, head)).assertStatus(200)

    // the health head issued only the sub-order: he sees the roads head's item, not the one on the head's order
    const healthHead = (await signIn(client, office.host, office.healthHead.email)).session
    const healthView = await client.get('/planner/delegated').header('host', office.host).withCookie(SESSION_COOKIE, healthHead)
    healthView.assertTextIncludes('Выезд грейдера')
    assert.notInclude(healthView.text(), 'Составить график выездов')

    // an executor issues nothing: the page is forbidden
    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    ;(await client.get('/planner/delegated').header('host', office.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
  })
})
