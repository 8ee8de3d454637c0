import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { ensureTenant } from '#tests/helpers/tenants'

let office: OrdersOffice
let headSession: string

test.group('Orders | pages', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_pages')
  })
  group.each.setup(async ({ context }) => {
    headSession = (await signIn(context.client, office.host, office.head.email)).session!
  })

  test('the create form refuses bad input with messages in Russian and keeps what was typed', async ({ client }) => {
    const page = await submitForm(client, office.host, headSession, '/orders/new', '/orders', {
      type: 'order',
      text: 'Подготовить отчёт о ходе ремонта дорог',
      deadlineKeyword: 'date',
      deadline: '',
      responsible: '',
    })
    page.assertStatus(200)
    page.assertTextIncludes('Заполните поле «Дата срока»')
    page.assertTextIncludes('Заполните поле «Ответственный исполнитель»')
    page.assertTextIncludes('Подготовить отчёт о ходе ремонта дорог')
  })

  test('create, see it in the list with filters, open the card', async ({ assert, client }) => {
    const card = await submitForm(client, office.host, headSession, '/orders/new', '/orders', {
      type: 'order',
      text: 'Провести ревизию школьных столовых',
      deadlineKeyword: 'date',
      deadline: DateTime.now().minus({ days: 5 }).toISODate()!,
      responsible: `department:${office.departments.health.id}`,
      specialControl: 'true',
      intent: 'issue',
    })
    card.assertStatus(200)
    card.assertTextIncludes('Провести ревизию школьных столовых')
    card.assertTextIncludes('Выдано')
    card.assertTextIncludes('Особый контроль')
    card.assertTextIncludes('просрочено на')

    const overdue = await client.get('/orders?overdue=true&specialControl=true').header('host', office.host).withCookie(SESSION_COOKIE, headSession)
    overdue.assertTextIncludes('Провести ревизию школьных столовых')
    const drafts = await client.get('/orders?status=draft').header('host', office.host).withCookie(SESSION_COOKIE, headSession)
    assert.notInclude(drafts.text(), 'Провести ревизию школьных столовых')
  })

  test('a step the status does not allow comes back as a notice on the card', async ({ client }) => {
    const card = await submitForm(client, office.host, headSession, '/orders/new', '/orders', {
      type: 'order',
      text: 'Подготовить справку для губернатора',
      deadlineKeyword: 'urgent',
      responsible: `department:${office.departments.health.id}`,
      intent: 'issue',
    })
    const id = card.text().match(/action="\/orders\/(\d+)\/deadline"/)![1]
    const response = await submitForm(client, office.host, headSession, `/orders/${id}`, `/orders/${id}/review`, { decision: 'accept' })
    response.assertTextIncludes('Это действие недоступно в текущем статусе поручения.')
  })

  test('the orders pages are not served on the portal', async ({ client }) => {
    await ensureTenant('portal', 'portal')
    const login = await client.get('/login').header('host', 'localhost')
    login.assertStatus(200)
    const response = await client.get('/orders').header('host', 'localhost').redirects(0)
    response.assertStatus(404)
  })
})

test.group('Orders | pages | menu', () => {
  test('only the most specific menu entry is current', async ({ assert, client }) => {
    const office = await ordersOffice('ord_pages')
    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get('/orders/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    const current = [...page.text().matchAll(/<a href="([^"]+)" aria-current=page>/g)].map((match) => match[1])
    assert.deepEqual(current, ['/orders/dashboard'])
  })
})

test.group('Orders | pages | paging', () => {
  test('the list pages by 25 without counting everything', async ({ assert, client }) => {
    const office = await ordersOffice('ord_paging')
    const { tokensFor } = await import('#tests/helpers/orders')
    const tokens = await tokensFor(client, office)
    for (let index = 0; index < 26; index++) {
      await client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
        type: 'order', text: `Поручение для проверки страниц № ${index}`, deadlineKeyword: 'promptly',
        responsible: `department:${office.departments.health.id}`, issue: true,
      })
    }
    const { session } = await signIn(client, office.host, office.head.email)
    const first = await client.get('/orders?role=issuer').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.lengthOf([...first.text().matchAll(/<tr class="/g)], 25)
    first.assertTextIncludes('Страница 1')
    first.assertTextIncludes('href="/orders?role=issuer&amp;page=2" rel="next"')
    const second = await client.get('/orders?role=issuer&page=2').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.lengthOf([...second.text().matchAll(/<tr class="/g)], 1)
    second.assertTextIncludes('rel="prev"')
    assert.notInclude(second.text(), 'rel="next"')
  })

  test('open orders come first by deadline, then closed ones', async ({ assert, client }) => {
    const office = await ordersOffice('ord_open_first')
    const { tokensFor, inOffice } = await import('#tests/helpers/orders')
    const { default: Order } = await import('#modules/orders/models/order')
    const tokens = await tokensFor(client, office)
    const create = async (text: string, days: number) =>
      (
        await client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
          type: 'order', text, deadlineKeyword: 'date', deadline: DateTime.now().plus({ days }).toISODate(),
          responsible: `department:${office.departments.health.id}`, issue: true,
        })
      ).body().data.id
    const closed = await create('Закрытое поручение с самым ранним сроком', -30)
    await create('Открытое поручение со сроком позже', 10)
    await create('Открытое поручение со сроком раньше', -2)
    await inOffice(office, () => Order.query().where('id', closed).update({ status: 'accepted', accepted_at: new Date() }))
    const { session } = await signIn(client, office.host, office.head.email)
    const page = (await client.get('/orders').header('host', office.host).withCookie(SESSION_COOKIE, session)).text()
    const at = (text: string) => page.indexOf(text)
    assert.isAbove(at('Открытое поручение со сроком раньше'), 0)
    assert.isBelow(at('Открытое поручение со сроком раньше'), at('Открытое поручение со сроком позже'))
    assert.isBelow(at('Открытое поручение со сроком позже'), at('Закрытое поручение с самым ранним сроком'))
  })
})
