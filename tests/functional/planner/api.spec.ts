import { test } from '@japa/runner'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { createItem, issueOrderToHealth, moscowDay, workingDayFrom } from '#tests/helpers/planner'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post' | 'put' | 'delete', path: string, who: keyof typeof tokens) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens[who])
}

test.group('Planner | API', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_api')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('a range lists expanded occurrences and the deadlines of orders the user executes', async ({ assert, client }) => {
    const monday = moscowDay(7)
    const series = await createItem(client, office.host, tokens.healthHead, {
      title: 'Планёрка отдела',
      startsAt: `${monday}T09:30`,
      endsAt: `${monday}T10:00`,
      rrule: 'FREQ=DAILY;COUNT=5',
      exdates: [moscowDay(9)],
      reminders: [15],
    })
    // a working day, so the deadline stays inside the range asked for even before a long holiday
    const due = workingDayFrom(10)
    const order = await issueOrderToHealth(client, office, tokens.head, 'Подготовить справку о вакцинации', due)

    const response = await api(client, 'get', `/planner/items?from=${monday}&to=${moscowDay(14)}`, 'healthHead')
    response.assertStatus(200)
    const entries = response.body().data as any[]
    const meetings = entries.filter((entry) => entry.itemId === series.id)
    assert.deepEqual(
      meetings.map((entry) => entry.start.slice(0, 16)),
      [monday, moscowDay(8), moscowDay(10), moscowDay(11)].map((day) => `${day}T09:30`)
    )
    assert.isTrue(meetings.every((entry) => entry.recurring && entry.start.endsWith('+03:00')))
    const deadline = entries.find((entry) => entry.source === 'order_deadline')
    assert.deepInclude(deadline, { orderId: order.id, orderNumber: order.number, start: due, allDay: true, kind: 'deadline' })

    // an endless series is found years ahead
    const monthly = await createItem(client, office.host, tokens.healthHead, { title: 'Отчёт в министерство', startsAt: `${monday}T16:00`, rrule: 'FREQ=MONTHLY' })
    const later = await api(client, 'get', `/planner/items?from=${moscowDay(730)}&to=${moscowDay(760)}`, 'healthHead')
    assert.lengthOf((later.body().data as any[]).filter((entry) => entry.itemId === monthly.id), 1)

    // the outsider executes nothing and owns nothing: an empty planner
    const outsider = await api(client, 'get', `/planner/items?from=${monday}&to=${moscowDay(14)}`, 'outsider')
    assert.deepEqual(outsider.body().data, [])
  })

  test('create, read, update (moving keeps it one item), delete', async ({ assert, client }) => {
    const day = moscowDay(3)
    const item = await createItem(client, office.host, tokens.outsider, { kind: 'task', title: 'Сдать отчёт', startsAt: `${day}T17:00` })
    assert.isNull(item.endsAt)
    assert.equal(item.startsAt, `${day}T17:00:00.000+03:00`)

    const shown = await api(client, 'get', `/planner/items/${item.id}`, 'outsider')
    shown.assertBodyContains({ data: { title: 'Сдать отчёт', kind: 'task', allDay: false } })

    const updated = await api(client, 'put', `/planner/items/${item.id}`, 'outsider').json({
      kind: 'event', title: 'Сдать отчёт лично', startsAt: `${moscowDay(4)}T11:00:00+03:00`, endsAt: `${moscowDay(4)}T12:30:00+03:00`, location: 'каб. 301',
    })
    updated.assertStatus(200)
    updated.assertBodyContains({ data: { id: item.id, kind: 'event', location: 'каб. 301', endsAt: `${moscowDay(4)}T12:30:00.000+03:00` } })

    ;(await api(client, 'delete', `/planner/items/${item.id}`, 'outsider')).assertStatus(204)
    ;(await api(client, 'get', `/planner/items/${item.id}`, 'outsider')).assertStatus(404)
  })

  test('overlapping timed events are flagged as conflicts, all-day ones are not', async ({ assert, client }) => {
    const day = moscowDay(20)
    const first = await createItem(client, office.host, tokens.controller, { title: 'Совещание', startsAt: `${day}T10:00`, endsAt: `${day}T11:00` })
    const second = await createItem(client, office.host, tokens.controller, { title: 'Приём граждан', startsAt: `${day}T10:30`, endsAt: `${day}T12:00` })
    const third = await createItem(client, office.host, tokens.controller, { title: 'Обед', startsAt: `${day}T12:00`, endsAt: `${day}T13:00` })
    const allDay = await createItem(client, office.host, tokens.controller, { title: 'Командировка', startsAt: day, allDay: true })
    const response = await api(client, 'get', `/planner/items?from=${day}&to=${moscowDay(21)}`, 'controller')
    const conflict = Object.fromEntries((response.body().data as any[]).map((entry) => [entry.itemId, entry.conflict]))
    assert.deepEqual(conflict, { [first.id]: true, [second.id]: true, [third.id]: false, [allDay.id]: false })
  })

  test('bad input is a 422 with per-field messages in Russian and in English', async ({ assert, client }) => {
    const body = { kind: 'meeting', title: '', startsAt: 'завтра', endsAt: '2026-01-01T10:00', rrule: 'FREQ=HOURLY', reminders: [-5], orderId: 999999 }
    const russian = await api(client, 'post', '/planner/items', 'head').json(body)
    russian.assertStatus(422)
    const messages = (response: any) => Object.fromEntries((response.body().errors as any[]).map((error) => [error.field, error.message]))
    assert.deepInclude(messages(russian), {
      kind: 'Выберите значение поля «Вид» из списка',
      title: 'Заполните поле «Название»',
      startsAt: 'Укажите в поле «Начало» дату и время (ГГГГ-ММ-ДДTЧЧ:ММ)',
      rrule: 'Правило повторения не распознано (пример: FREQ=WEEKLY;BYDAY=MO;COUNT=10)',
      'reminders.0': 'Значение поля «Напоминание» не может быть меньше 0',
      orderId: 'Выбранное значение поля «Поручение» не найдено',
    })

    const english = await api(client, 'post', '/planner/items', 'head').header('x-locale', 'en').json({ ...body, startsAt: '2026-01-02T10:00' })
    english.assertStatus(422)
    assert.deepInclude(messages(english), {
      kind: 'Choose a kind from the list',
      title: 'The title field is required',
      endsAt: 'The end must be after the start',
      rrule: 'The recurrence rule is not valid (example: FREQ=WEEKLY;BYDAY=MO;COUNT=10)',
      orderId: 'The selected order does not exist',
    })

    const range = await api(client, 'get', '/planner/items?from=2026-01-01&to=2026-12-31', 'head').header('x-locale', 'en')
    range.assertStatus(422)
    range.assertBodyContains({ errors: [{ field: 'to', message: 'The period cannot be longer than 92 days, and its end must be after its start' }] })
  })

  test('an order the user cannot see cannot be linked; one he executes can', async ({ client }) => {
    const order = await issueOrderToHealth(client, office, tokens.head, 'Проверить готовность приёмных отделений', moscowDay(12))
    const refused = await api(client, 'post', '/planner/items', 'outsider').json({ kind: 'task', title: 'Чужое', startsAt: `${moscowDay(5)}T10:00`, orderId: order.id })
    refused.assertStatus(422)
    refused.assertBodyContains({ errors: [{ field: 'orderId' }] })
    const linked = await api(client, 'post', '/planner/items', 'healthExecutor').json({ kind: 'task', title: 'Собрать данные', startsAt: `${moscowDay(5)}T10:00`, orderId: order.id })
    linked.assertStatus(201)
    linked.assertBodyContains({ data: { orderId: order.id } })
  })
})
