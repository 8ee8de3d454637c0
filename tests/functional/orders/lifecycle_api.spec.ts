import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import OrderActivity from '#modules/orders/models/order_activity'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post', path: string, who: keyof typeof tokens) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens[who])
}

async function newOrder(client: any, overrides: Record<string, unknown> = {}) {
  const response = await api(client, 'post', '/orders', 'head').json({
    type: 'order',
    text: 'Обеспечить ремонт кровли поликлиники № 3',
    deadlineKeyword: 'date',
    deadline: DateTime.now().plus({ days: 30 }).toISODate(),
    responsible: `department:${office.departments.health.id}`,
    controllerId: office.controller.id,
    issue: true,
    ...overrides,
  })
  response.assertStatus(201)
  return response.body().data
}

test.group('Orders | lifecycle | API', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_life')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('issue → start → report → accept → remove from control, with history', async ({ assert, client }) => {
    const order = await newOrder(client)
    assert.match(order.number, /^ORD-\d{4}-\d{6}$/)
    assert.equal(order.status, 'issued')

    ;(await api(client, 'post', `/orders/${order.id}/start`, 'healthHead')).assertBodyContains({ data: { status: 'in_progress' } })
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({
      text: 'Кровля отремонтирована, акт приёмки подписан.',
      completedOn: DateTime.now().toISODate(),
    })).assertBodyContains({ data: { status: 'report_submitted' } })
    ;(await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept' })).assertBodyContains({
      data: { status: 'accepted' },
    })
    ;(await api(client, 'post', `/orders/${order.id}/remove`, 'controller')).assertBodyContains({ data: { status: 'removed' } })

    const history = await inOffice(office, () => OrderActivity.query().where('order_id', order.id).orderBy('id'))
    assert.deepEqual(
      history.map((entry) => [entry.action, entry.field, entry.oldValue, entry.newValue]),
      [
        ['created', null, null, null],
        ['issued', 'status', 'draft', 'issued'],
        ['started', 'status', 'issued', 'in_progress'],
        ['report_submitted', 'status', 'in_progress', 'report_submitted'],
        ['report_accepted', 'status', 'report_submitted', 'accepted'],
        ['removed_from_control', 'status', 'accepted', 'removed'],
      ]
    )
  })

  test('a returned report goes back to work and can be reported again', async ({ client }) => {
    const order = await newOrder(client)
    await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Работы выполнены частично.', completedOn: DateTime.now().toISODate() })
    const returned = await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'return', comment: 'Нет акта приёмки' })
    returned.assertBodyContains({ data: { status: 'returned' } })
    const again = await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Акт приёмки приложен, работы завершены.', completedOn: DateTime.now().toISODate() })
    again.assertBodyContains({ data: { status: 'report_submitted' } })
  })

  test('returning a report without a comment is a 422', async ({ client }) => {
    const order = await newOrder(client)
    await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Работы выполнены полностью.', completedOn: DateTime.now().toISODate() })
    const response = await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'return' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'comment', message: 'Заполните поле «Комментарий»' }] })
  })

  test('extension: requested by the executor, approved by the issuer, the deadline moves', async ({ assert, client }) => {
    const order = await newOrder(client)
    const wanted = DateTime.now().plus({ days: 60 })
    ;(await api(client, 'post', `/orders/${order.id}/extension`, 'healthHead').json({
      requestedDeadline: wanted.toISODate(),
      justification: 'Подрядчик сорвал поставку материалов, нужен новый конкурс.',
    })).assertBodyContains({ data: { status: 'extension_requested' } })
    const decided = await api(client, 'post', `/orders/${order.id}/extension/decision`, 'head').json({ decision: 'approve' })
    decided.assertBodyContains({ data: { status: 'in_progress' } })
    assert.isTrue(DateTime.fromISO(decided.body().data.deadline) <= wanted)
    assert.isTrue(DateTime.fromISO(decided.body().data.deadline) > DateTime.now().plus({ days: 50 }))
  })

  test('forbidden transitions answer 409 and change nothing', async ({ assert, client }) => {
    const order = await newOrder(client)
    for (const [path, who, body] of [
      ['issue', 'head', {}],
      ['review', 'head', { decision: 'accept' }],
      ['remove', 'controller', {}],
      ['extension/decision', 'head', { decision: 'approve' }],
    ] as const) {
      const response = await api(client, 'post', `/orders/${order.id}/${path}`, who).json(body)
      response.assertStatus(409)
      response.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN_TRANSITION' }] })
    }
    const fresh = await api(client, 'get', `/orders/${order.id}`, 'head')
    assert.equal(fresh.body().data.status, 'issued')
  })

  test('wrong roles answer 403: executors do not accept, issuers do not report, only the controller removes', async ({ client }) => {
    const order = await newOrder(client)
    ;(await api(client, 'post', `/orders/${order.id}/deadline`, 'healthHead').json({ deadlineKeyword: 'urgent', reason: 'хочу' })).assertStatus(403)
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'head').json({ text: 'Сделано всё, что нужно было.', completedOn: DateTime.now().toISODate() })).assertStatus(403)
    await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Сделано всё, что нужно было.', completedOn: DateTime.now().toISODate() })
    ;(await api(client, 'post', `/orders/${order.id}/review`, 'healthHead').json({ decision: 'accept' })).assertStatus(403)
    await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept' })
    ;(await api(client, 'post', `/orders/${order.id}/remove`, 'head')).assertStatus(403)
  })

  test('only the issuer changes the deadline; keywords resolve to working days', async ({ assert, client }) => {
    const order = await newOrder(client)
    const response = await api(client, 'post', `/orders/${order.id}/deadline`, 'head').json({ deadlineKeyword: 'urgent', reason: 'Поручение губернатора' })
    response.assertStatus(200)
    const deadline = DateTime.fromISO(response.body().data.deadline)
    assert.isTrue(deadline > DateTime.now().startOf('day'))
    assert.isBelow(deadline.weekday, 6)
  })

  test('bad bodies get 422 with per-field messages', async ({ client }) => {
    const response = await api(client, 'post', '/orders', 'head').json({
      type: 'memo',
      text: 'x',
      deadlineKeyword: 'date',
      responsible: 'department:999999',
    })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        { field: 'type', message: 'Выберите значение поля «Вид» из списка' },
        { field: 'text', message: 'Поле «Текст поручения» должно содержать не меньше 5 символов' },
        { field: 'deadline', message: 'Заполните поле «Дата срока»' },
        { field: 'responsible', message: 'Выбранное значение поля «Ответственный исполнитель» не найдено' },
      ],
    })
  })

  test('an executor cannot create orders of their own', async ({ client }) => {
    const response = await api(client, 'post', '/orders', 'healthExecutor').json({ type: 'order', text: 'Самопоручение', deadlineKeyword: 'urgent', responsible: `department:${office.departments.health.id}` })
    response.assertStatus(403)
  })

  test('notifications reach the executor department on issue and the issuer on report', async ({ assert, client }) => {
    const order = await newOrder(client)
    await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Работы выполнены полностью.', completedOn: DateTime.now().toISODate() })
    const rows = await db.connection(`tenant_${office.tenant.slug}`).from('notifications').where('data', '@>', JSON.stringify({ orderId: order.id })).orderBy('id')
    assert.deepEqual(
      rows.map((row: { user_id: number; kind: string }) => [row.user_id, row.kind]),
      [
        [office.healthHead.id, 'order.assigned'],
        [office.head.id, 'order.report_submitted'],
      ]
    )
  })
})
