import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { signIn, SESSION_COOKIE } from '#tests/helpers/http'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

async function issue(client: any, text: string, responsible: string, deadline: DateTime) {
  const response = await client
    .post('/api/v1/orders')
    .header('host', office.host)
    .bearerToken(tokens.head)
    .json({ type: 'order', text, deadlineKeyword: 'date', deadline: deadline.toISODate(), responsible, issue: true })
  response.assertStatus(201)
  return response.body().data
}

test.group('Orders | department board', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_board')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('the board shows open orders of the department and of its people, by status, with the load per person', async ({ assert, client }) => {
    const health = office.departments.health.id
    const overdue = await issue(client, 'Провести вакцинацию персонала', `department:${health}`, DateTime.now().minus({ days: 3 }))
    const personal = await issue(client, 'Подготовить справку о койках', `user:${office.healthExecutor.id}`, DateTime.now().plus({ days: 20 }))
    const foreign = await issue(client, 'Отремонтировать мост через реку', `department:${office.departments.roads.id}`, DateTime.now().plus({ days: 20 }))
    await client.post(`/api/v1/orders/${personal.id}/start`).header('host', office.host).bearerToken(tokens.healthExecutor)

    // The head of the block sees every order; the department head sees what
    // is given to the department (an order given straight to a person is theirs and the issuer's).
    const departmentHead = await signIn(client, office.host, office.healthHead.email)
    const own = await client.get('/orders/board').header('host', office.host).withCookie(SESSION_COOKIE, departmentHead.session)
    own.assertStatus(200)
    own.assertTextIncludes('Доска: Минздрав')
    own.assertTextIncludes(overdue.number)
    assert.notInclude(own.text(), foreign.number)

    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get(`/orders/board?department=${health}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('Доска: Минздрав')
    page.assertTextIncludes(overdue.number)
    page.assertTextIncludes(personal.number)
    assert.notInclude(page.text(), foreign.number)
    page.assertTextIncludes('board__card--overdue')
    page.assertTextIncludes('Нагрузка по сотрудникам')
    page.assertTextIncludes(office.healthExecutor.fullName)
    page.assertTextIncludes('Отдел в целом')
  })

  test('staff cannot open another department board (403); the head picks any department', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.healthHead.email)
    const denied = await client
      .get(`/orders/board?department=${office.departments.roads.id}`)
      .header('host', office.host)
      .withCookie(SESSION_COOKIE, session)
    denied.assertStatus(403)

    const head = await signIn(client, office.host, office.head.email)
    const roads = await client
      .get(`/orders/board?department=${office.departments.roads.id}`)
      .header('host', office.host)
      .withCookie(SESSION_COOKIE, head.session)
    roads.assertStatus(200)
    roads.assertTextIncludes('Доска: Дороги')
    roads.assertTextIncludes('Отремонтировать мост')
  })

  test('the list filters by executor: a department includes orders given to its people', async ({ assert, client }) => {
    const response = await client
      .get(`/api/v1/orders?executor=department:${office.departments.health.id}`)
      .header('host', office.host)
      .bearerToken(tokens.head)
    response.assertStatus(200)
    const texts = response.body().data.map((order: { text: string }) => order.text)
    assert.include(texts, 'Подготовить справку о койках')
    assert.include(texts, 'Провести вакцинацию персонала')
    assert.notInclude(texts, 'Отремонтировать мост через реку')

    const bad = await client.get('/api/v1/orders?executor=everyone').header('host', office.host).bearerToken(tokens.head)
    bad.assertStatus(422)
  })

  test('a department of another tenant is 404', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const missing = await client.get('/orders/board?department=999999').header('host', office.host).withCookie(SESSION_COOKIE, session)
    missing.assertStatus(404)
  })
})
