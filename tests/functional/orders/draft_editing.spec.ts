import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import OrderActivity from '#modules/orders/models/order_activity'
import OrderExecutor from '#modules/orders/models/order_executor'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { signIn, submitForm, SESSION_COOKIE } from '#tests/helpers/http'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post' | 'put', path: string, who: keyof typeof tokens) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens[who])
}

function draftBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'order',
    text: 'Подготовить план ремонта школ',
    deadlineKeyword: 'date',
    deadline: DateTime.now().plus({ days: 40 }).toISODate(),
    responsible: `department:${office.departments.health.id}`,
    ...overrides,
  }
}

async function newDraft(client: any) {
  const response = await api(client, 'post', '/orders', 'head').json(draftBody())
  response.assertStatus(201)
  return response.body().data
}

test.group('Orders | editing drafts', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_drafts')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('the issuer rewrites a draft on the web; each changed field is in the history; then issues it', async ({ assert, client }) => {
    const draft = await newDraft(client)
    const { session } = await signIn(client, office.host, office.head.email)

    const form = await client.get(`/orders/${draft.id}/edit`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    form.assertStatus(200)
    form.assertTextIncludes('Подготовить план ремонта школ')

    const saved = await submitForm(client, office.host, session, `/orders/${draft.id}/edit`, `/orders/${draft.id}/edit`, {
      type: 'order',
      text: 'Подготовить план ремонта школ и детских садов',
      deadlineKeyword: 'date',
      deadline: draft.deadline,
      responsible: `department:${office.departments.roads.id}`,
      'coExecutors[]': `department:${office.departments.health.id}`,
      specialControl: 'true',
      intent: 'draft',
    })
    saved.assertTextIncludes(`Проект ${draft.number} сохранён.`)
    saved.assertTextIncludes('проект изменён')

    const history = await inOffice(office, () => OrderActivity.query().where('order_id', draft.id).where('action', 'edited'))
    assert.sameMembers(
      history.map((entry) => entry.field),
      ['text', 'specialControl', 'executors']
    )
    const executors = await inOffice(office, () => OrderExecutor.query().where('order_id', draft.id).orderBy('role', 'desc'))
    assert.deepEqual(
      executors.map((executor) => [executor.role, executor.departmentId]),
      [
        ['responsible', office.departments.roads.id],
        ['co_executor', office.departments.health.id],
      ]
    )

    const issued = await api(client, 'post', `/orders/${draft.id}/issue`, 'head')
    issued.assertBodyContains({ data: { status: 'issued' } })
  })

  test('over the API: a bad body gets 422 per field and changes nothing; an issued order cannot be edited (409)', async ({ assert, client }) => {
    const draft = await newDraft(client)
    const bad = await api(client, 'put', `/orders/${draft.id}`, 'head').json(draftBody({ text: '', deadlineKeyword: 'someday' }))
    bad.assertStatus(422)
    const fields = bad.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['text', 'deadlineKeyword'])
    const unchanged = await api(client, 'get', `/orders/${draft.id}`, 'head')
    assert.equal(unchanged.body().data.text, 'Подготовить план ремонта школ')

    const edited = await api(client, 'put', `/orders/${draft.id}`, 'head').json(draftBody({ text: 'Уточнённый текст проекта' }))
    edited.assertStatus(200)
    assert.equal(edited.body().data.text, 'Уточнённый текст проекта')

    await api(client, 'post', `/orders/${draft.id}/issue`, 'head')
    const late = await api(client, 'put', `/orders/${draft.id}`, 'head').json(draftBody({ text: 'Слишком поздно менять' }))
    late.assertStatus(409)
  })

  test('only the issuer edits: an executor of the order gets 403, another tenant 404', async ({ client }) => {
    const draft = await newDraft(client)
    await api(client, 'post', `/orders/${draft.id}/issue`, 'head')
    ;(await api(client, 'put', `/orders/${draft.id}`, 'healthHead').json(draftBody())).assertStatus(403)

    const other = await ordersOffice('ord_drafts_other')
    const otherTokens = await tokensFor(client, other)
    const foreign = await client.put(`/api/v1/orders/${draft.id}`).header('host', other.host).bearerToken(otherTokens.head).json(draftBody())
    foreign.assertStatus(404)
  })
})
