import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Department from '#modules/identity/models/department'
import { keywordDeadlines } from '#modules/orders/actions/create_order'
import { blockOffice, inOffice, TEST_PASSWORD } from '#tests/helpers/tenants'
import { issueToken, SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'

/**
 * An office with a unit below the health department (clinics), a sibling
 * department (roads) and people in each, to tell "below the executor" from
 * "anywhere in the office".
 */
function cardOffice() {
  return blockOffice(
    'ord_card',
    {
      health: { nameRu: 'Минздрав', nameEn: 'Health' },
      clinics: { nameRu: 'Отдел поликлиник', nameEn: 'Clinics unit' },
      roads: { nameRu: 'Дороги', nameEn: 'Roads' },
    },
    {
      head: { role: 'head' },
      healthHead: { role: 'department_head', department: 'health' },
      healthExecutor: { role: 'executor', department: 'health' },
      clinicsHead: { role: 'department_head', department: 'clinics' },
      roadsHead: { role: 'department_head', department: 'roads' },
      controller: { role: 'controller' },
    }
  )
}

type Office = Awaited<ReturnType<typeof cardOffice>>
type Who = 'head' | 'healthHead' | 'healthExecutor' | 'clinicsHead' | 'roadsHead' | 'controller'

let office: Office
const tokens = {} as Record<Who, string>
const sessions = {} as Record<Who, string>

function api(client: any, method: 'get' | 'post', path: string, who: Who) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens[who])
}

function card(client: any, id: number, who: Who) {
  return client.get(`/orders/${id}`).header('host', office.host).withCookie(SESSION_COOKIE, sessions[who])
}

/** The action bar of a card's HTML ('' when the card has none). */
function actionBar(html: string) {
  const start = html.indexOf('data-action-bar')
  if (start < 0) return ''
  return html.slice(start, html.indexOf('</section>', start))
}

async function issueOrder(client: any, body: Record<string, unknown> = {}) {
  const created = await api(client, 'post', '/orders', 'head').json({
    type: 'order',
    text: 'Подготовить поликлиники к эпидемическому сезону',
    deadlineKeyword: 'date',
    deadline: DateTime.now().plus({ days: 20 }).toISODate(),
    responsible: `department:${office.departments.health.id}`,
    controllerId: office.controller.id,
    issue: true,
    ...body,
  })
  created.assertStatus(201)
  return created.body().data as { id: number; number: string; deadline: string }
}

const ddmmyyyy = (iso: string) => DateTime.fromISO(iso).toFormat('dd.LL.yyyy')

test.group('Orders | card actions and delegation rules', (group) => {
  group.setup(async () => {
    office = await cardOffice()
    await inOffice(office, async () => {
      const clinics = await Department.findOrFail(office.departments.clinics.id)
      clinics.parentId = office.departments.health.id
      await clinics.save()
    })
  })
  group.each.setup(async ({ context }) => {
    for (const who of ['head', 'healthHead', 'healthExecutor', 'clinicsHead', 'roadsHead', 'controller'] as const) {
      tokens[who] = await issueToken(context.client, office.host, office[who].email, TEST_PASSWORD)
      sessions[who] = (await signIn(context.client, office.host, office[who].email)).session!
    }
  })

  test('the card shows only the actions the status and the role allow, "Принять в работу" first and the report form after it', async ({ assert, client }) => {
    const order = await issueOrder(client)

    // the executor of an issued order: start first, the report right after it; nothing of the issuer's
    const executorBar = actionBar((await card(client, order.id, 'healthHead')).text())
    const start = executorBar.indexOf(`action="/orders/${order.id}/start"`)
    const report = executorBar.indexOf(`action="/orders/${order.id}/report"`)
    assert.isAtLeast(start, 0)
    assert.isAbove(report, start)
    assert.equal(executorBar.match(/action="([^"]+)"/)![1], `/orders/${order.id}/start`)
    for (const other of ['review', 'extension/decision', 'deadline', 'remove', 'issue']) {
      assert.notInclude(executorBar, `action="/orders/${order.id}/${other}"`, `the executor is offered "${other}"`)
    }
    assert.include(executorBar, `action="/orders/${order.id}/delegate"`)
    assert.include(executorBar, `action="/orders/${order.id}/extension"`)

    // the issuer: only the deadline (no start, no report, no review before a report)
    const issuerBar = actionBar((await card(client, order.id, 'head')).text())
    assert.include(issuerBar, `action="/orders/${order.id}/deadline"`)
    for (const other of ['start', 'report', 'review', 'extension/decision', 'remove', 'delegate']) {
      assert.notInclude(issuerBar, `action="/orders/${order.id}/${other}"`, `the issuer is offered "${other}"`)
    }
    // the controller has nothing to do yet: no action bar at all
    assert.equal(actionBar((await card(client, order.id, 'controller')).text()), '')

    // once started, "Принять в работу" is gone; once reported, the executor has nothing left but the issuer reviews
    ;(await api(client, 'post', `/orders/${order.id}/start`, 'healthHead')).assertStatus(200)
    assert.notInclude(actionBar((await card(client, order.id, 'healthHead')).text()), `/orders/${order.id}/start"`)
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Поликлиники готовы к сезону.', completedOn: DateTime.now().toISODate() })).assertStatus(200)
    const reported = actionBar((await card(client, order.id, 'healthHead')).text())
    for (const other of ['start', 'report', 'extension"', 'delegate']) assert.notInclude(reported, `/orders/${order.id}/${other}`)
    assert.include(actionBar((await card(client, order.id, 'head')).text()), `action="/orders/${order.id}/review"`)
  })

  test('the extension decision shows the requested date and the reason beside Approve / Reject', async ({ assert, client }) => {
    const order = await issueOrder(client)
    const requested = DateTime.now().plus({ days: 40 }).toISODate()!
    ;(await api(client, 'post', `/orders/${order.id}/extension`, 'healthHead').json({
      requestedDeadline: requested,
      justification: 'Подрядчик задерживает поставку вакцин на три недели',
    })).assertStatus(200)
    const bar = actionBar((await card(client, order.id, 'head')).text())
    const form = bar.slice(bar.indexOf(`action="/orders/${order.id}/extension/decision"`))
    assert.include(form, ddmmyyyy(requested))
    assert.include(form, 'Подрядчик задерживает поставку вакцин на три недели')
    assert.include(form, ddmmyyyy(order.deadline))
    assert.isBelow(form.indexOf('Подрядчик задерживает'), form.indexOf('value="approve"'))
    assert.include(form, 'value="reject"')
  })

  test('a sub-order may not be due after its order: 422 with the order\'s date, in Russian', async ({ assert, client }) => {
    const order = await issueOrder(client, { deadline: DateTime.now().plus({ days: 10 }).toISODate() })
    const late = await api(client, 'post', `/orders/${order.id}/delegate`, 'healthHead').json({
      text: 'Обследовать поликлиники района',
      deadlineKeyword: 'date',
      deadline: DateTime.now().plus({ days: 30 }).toISODate(),
      responsible: `department:${office.departments.clinics.id}`,
    })
    late.assertStatus(422)
    const error = late.body().errors.find((item: { field: string }) => item.field === 'deadline')
    assert.equal(error.message, `Срок нижестоящего поручения не может быть позже срока поручения (${ddmmyyyy(order.deadline)}).`)

    // the same on the card's form
    const page = await submitForm(client, office.host, sessions.healthHead, `/orders/${order.id}`, `/orders/${order.id}/delegate`, {
      text: 'Обследовать поликлиники района',
      deadlineKeyword: 'date',
      deadline: DateTime.now().plus({ days: 30 }).toISODate()!,
      responsible: `department:${office.departments.clinics.id}`,
    })
    page.assertTextIncludes(`не может быть позже срока поручения (${ddmmyyyy(order.deadline)})`)

    // on the parent's date or earlier it is fine
    ;(await api(client, 'post', `/orders/${order.id}/delegate`, 'healthHead').json({
      text: 'Обследовать поликлиники района',
      deadlineKeyword: 'date',
      deadline: order.deadline,
      responsible: `department:${office.departments.clinics.id}`,
    })).assertStatus(201)
  })

  test('accepting or removing from control while sub-orders are open asks to confirm and lists them', async ({ assert, client }) => {
    const order = await issueOrder(client)
    const child = await api(client, 'post', `/orders/${order.id}/delegate`, 'healthHead').json({
      text: 'Проверить запасы вакцин в поликлиниках',
      deadlineKeyword: 'urgent',
      responsible: `department:${office.departments.clinics.id}`,
    })
    child.assertStatus(201)
    const childNumber = child.body().data.number
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Основная часть выполнена.', completedOn: DateTime.now().toISODate() })).assertStatus(200)

    // the card lists the open sub-order in the review form, with a confirmation box
    const bar = actionBar((await card(client, order.id, 'head')).text())
    const review = bar.slice(bar.indexOf(`action="/orders/${order.id}/review"`))
    assert.include(review, childNumber)
    assert.include(review, 'name="confirmOpenSubOrders"')

    const unconfirmed = await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept' })
    unconfirmed.assertStatus(422)
    assert.include(unconfirmed.body().errors[0].message, childNumber)
    const onPage = await submitForm(client, office.host, sessions.head, `/orders/${order.id}`, `/orders/${order.id}/review`, { decision: 'accept' })
    onPage.assertTextIncludes(`Нижестоящие поручения ещё не исполнены: ${childNumber}`)
    ;(await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept', confirmOpenSubOrders: true })).assertStatus(200)

    // removal from control: the same question
    const controllerBar = actionBar((await card(client, order.id, 'controller')).text())
    assert.include(controllerBar.slice(controllerBar.indexOf(`action="/orders/${order.id}/remove"`)), childNumber)
    const removal = await api(client, 'post', `/orders/${order.id}/remove`, 'controller').json({})
    removal.assertStatus(422)
    assert.include(removal.body().errors[0].message, childNumber)
    ;(await api(client, 'post', `/orders/${order.id}/remove`, 'controller').json({ confirmOpenSubOrders: true })).assertStatus(200)
  })

  test('an order without open sub-orders is accepted without a question', async ({ client }) => {
    const order = await issueOrder(client)
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Всё сделано в срок.', completedOn: DateTime.now().toISODate() })).assertStatus(200)
    ;(await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept' })).assertStatus(200)
  })

  test('the responsible executor\'s report does not mark co-executors executed unless they reported', async ({ assert, client }) => {
    const order = await issueOrder(client, { coExecutors: [`department:${office.departments.roads.id}`] })
    ;(await api(client, 'post', `/orders/${order.id}/report`, 'healthHead').json({ text: 'Минздрав своё выполнил.', completedOn: DateTime.now().toISODate() })).assertStatus(200)
    ;(await api(client, 'post', `/orders/${order.id}/review`, 'head').json({ decision: 'accept' })).assertStatus(200)
    const executors = (await api(client, 'get', `/orders/${order.id}`, 'head')).body().data.executors as { role: string; departmentId: number; status: string }[]
    assert.equal(executors.find((executor) => executor.role === 'responsible')!.status, 'accepted')
    const roads = executors.find((executor) => executor.departmentId === office.departments.roads.id)!
    assert.equal(roads.role, 'co_executor')
    assert.equal(roads.status, 'assigned')
  })

  test('the delegate picker offers only the units and people below the executor', async ({ assert, client }) => {
    const order = await issueOrder(client)
    const html = (await card(client, order.id, 'healthHead')).text()
    const picker = html.slice(html.indexOf('id="delegate-responsible"'), html.indexOf('</select>', html.indexOf('id="delegate-responsible"')))
    assert.include(picker, `value="department:${office.departments.clinics.id}"`)
    assert.include(picker, `value="user:${office.healthExecutor.id}"`)
    assert.include(picker, `value="user:${office.clinicsHead.id}"`)
    assert.notInclude(picker, `value="department:${office.departments.roads.id}"`)
    assert.notInclude(picker, `value="department:${office.departments.health.id}"`)
    assert.notInclude(picker, `value="user:${office.roadsHead.id}"`)
    assert.notInclude(picker, `value="user:${office.healthHead.id}"`)
    assert.notInclude(picker, `value="user:${office.head.id}"`)
  })

  test('the forms carry the date each deadline keyword gives today, computed on the server', async ({ assert, client }) => {
    const expected = await inOffice(office, () => keywordDeadlines())
    const html = (await client.get('/orders/new').header('host', office.host).withCookie(SESSION_COOKIE, sessions.head)).text()
    const match = html.match(/data-keyword-dates="([^"]+)"/)
    assert.isNotNull(match)
    const dates = JSON.parse(match![1].replace(/&quot;/g, '"').replace(/&#34;/g, '"'))
    assert.deepEqual(dates, expected)
    assert.match(dates.urgent, /^\d{2}\.\d{2}\.\d{4}$/)
    assert.notProperty(dates, 'date')
    // «срочно» is three working days: later than today, within the New Year holidays at most
    const urgent = DateTime.fromFormat(dates.urgent, 'dd.LL.yyyy')
    assert.isTrue(urgent > DateTime.now().startOf('day'))
    assert.isTrue(urgent <= DateTime.now().plus({ days: 21 }))
  })
})
