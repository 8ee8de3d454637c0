import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import PlannerItem from '#modules/planner/models/planner_item'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { createItem } from '#tests/helpers/planner'
import { SESSION_COOKIE, postFrom, signIn } from '#tests/helpers/http'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post' | 'put' | 'delete', path: string) {
  return client[method](`/api/v1${path}`).header('host', office.host).bearerToken(tokens.outsider)
}

/** Starts of the occurrences of the user's items in March–April 2027, as "MM-DD HH:mm" per item title. */
async function march(client: any) {
  const response = await api(client, 'get', '/planner/items?from=2027-03-01&to=2027-05-01')
  response.assertStatus(200)
  const result: Record<string, string[]> = {}
  for (const entry of response.body().data as any[]) {
    if (entry.source !== 'item') continue
    ;(result[entry.title] ??= []).push(DateTime.fromISO(entry.start, { zone: REGION_ZONE }).toFormat('LL-dd HH:mm'))
  }
  return result
}

const weekly = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'event',
  title,
  // Monday 1 March 2027; Mondays and Wednesdays at 10:00, ten times
  startsAt: '2027-03-01T10:00',
  endsAt: '2027-03-01T11:00',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10',
  ...extra,
})

function messages(response: any) {
  return Object.fromEntries((response.body().errors as any[]).map((error) => [error.field, error.message]))
}

test.group('Planner | changing a series', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_series')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
    await inOffice(office, () => PlannerItem.query().where('user_id', office.outsider.id).delete())
  })

  test('only this one: the series keeps its rule and cancels the day; the occurrence becomes an item of its own', async ({ assert, client }) => {
    const series = await createItem(client, office.host, tokens.outsider, weekly('Планёрка'))
    const response = await api(client, 'put', `/planner/items/${series.id}`).json({
      ...weekly('Планёрка (перенесена)'), startsAt: '2027-03-10T15:00', endsAt: '2027-03-10T16:00', scope: 'this', occurrence: '2027-03-10T10:00',
    })
    response.assertStatus(200)
    assert.notEqual(response.body().data.id, series.id)
    assert.isNull(response.body().data.rrule)
    assert.deepEqual(response.body().series.exdates, ['2027-03-10'])
    assert.equal(response.body().series.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10')
    const found = await march(client)
    assert.deepEqual(found['Планёрка (перенесена)'], ['03-10 15:00'])
    assert.deepEqual(found['Планёрка'].slice(0, 4), ['03-01 10:00', '03-03 10:00', '03-08 10:00', '03-15 10:00'])
    assert.lengthOf(found['Планёрка'], 9)
  })

  test('this and following: the series ends before the occurrence, a new one goes on from the new time with its weekdays shifted', async ({ assert, client }) => {
    const series = await createItem(client, office.host, tokens.outsider, weekly('Обход'))
    // Monday 15 March moves to Tuesday 16 March 09:00, and the rest with it
    const response = await api(client, 'put', `/planner/items/${series.id}`).json({
      ...weekly('Обход'), startsAt: '2027-03-16T09:00', endsAt: '2027-03-16T10:00', scope: 'following', occurrence: '2027-03-15T10:00:00+03:00',
    })
    response.assertStatus(200)
    assert.equal(response.body().data.rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6')
    assert.equal(response.body().series.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4')
    const found = await march(client)
    assert.deepEqual(found['Обход'], [
      '03-01 10:00', '03-03 10:00', '03-08 10:00', '03-10 10:00',
      '03-16 09:00', '03-18 09:00', '03-23 09:00', '03-25 09:00', '03-30 09:00', '04-01 09:00',
    ])
  })

  test('the whole series: dragging Wednesday to Thursday moves every occurrence (the series no longer vanishes)', async ({ assert, client }) => {
    const series = await createItem(client, office.host, tokens.outsider, weekly('Приём'))
    const response = await api(client, 'put', `/planner/items/${series.id}`).json({
      ...weekly('Приём'), startsAt: '2027-03-04T12:00', endsAt: '2027-03-04T13:30', scope: 'all', occurrence: '2027-03-03T10:00',
    })
    response.assertStatus(200)
    assert.equal(response.body().data.id, series.id)
    assert.equal(response.body().data.rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10')
    assert.equal(response.body().data.startsAt, '2027-03-02T12:00:00.000+03:00')
    assert.equal(response.body().data.endsAt, '2027-03-02T13:30:00.000+03:00')
    const found = await march(client)
    assert.lengthOf(found['Приём'], 10)
    assert.deepEqual(found['Приём'].slice(0, 3), ['03-02 12:00', '03-04 12:00', '03-09 12:00'])
  })

  test('drag and drop on the web asks the same: each scope through the move route', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.outsider.email)
    const page = await client.get('/planner?view=week&date=2027-03-01').header('host', office.host).withCookie(SESSION_COOKIE, session)
    const csrf = page.text().match(/data-csrf="([^"]+)"/)![1]
    const move = (id: number, fields: Record<string, string>) =>
      client.post(`/planner/items/${id}/move`).header('host', office.host).header('accept', 'application/json').withCookie(SESSION_COOKIE, session).form({ _csrf: csrf, ...fields })

    const one = await createItem(client, office.host, tokens.outsider, weekly('Раз'))
    const moved = await move(one.id, { from: '2027-03-03T10:00:00.000+03:00', startsAt: '2027-03-05T10:00:00.000+03:00', scope: 'this' })
    moved.assertStatus(200)
    assert.notEqual(moved.body().data.id, one.id)
    const rest = await createItem(client, office.host, tokens.outsider, weekly('Остаток'))
    ;(await move(rest.id, { from: '2027-03-08T10:00:00.000+03:00', startsAt: '2027-03-09T10:00:00.000+03:00', scope: 'following' })).assertStatus(200)
    const all = await createItem(client, office.host, tokens.outsider, weekly('Все'))
    ;(await move(all.id, { from: '2027-03-01T10:00:00.000+03:00', startsAt: '2027-03-02T10:00:00.000+03:00', scope: 'all' })).assertStatus(200)
    // a time that is no occurrence of the series is refused, nothing changes
    const stray = await move(all.id, { from: '2027-03-01T11:00:00.000+03:00', startsAt: '2027-03-02T10:00:00.000+03:00', scope: 'all' })
    stray.assertStatus(422)
    assert.equal(messages(stray).from, 'В серии нет события на это время: обновите страницу и попробуйте снова')

    const found = await march(client)
    assert.includeMembers(found['Раз'], ['03-01 10:00', '03-05 10:00', '03-08 10:00'])
    assert.notInclude(found['Раз'], '03-03 10:00')
    assert.deepEqual(found['Остаток'].slice(0, 5), ['03-01 10:00', '03-03 10:00', '03-09 10:00', '03-11 10:00', '03-16 10:00'])
    assert.deepEqual(found['Все'].slice(0, 3), ['03-02 10:00', '03-04 10:00', '03-09 10:00'])
  })

  test('delete one, this and following, or the whole series; without a scope an update replaces the item as before', async ({ assert, client }) => {
    const series = await createItem(client, office.host, tokens.outsider, weekly('Удаляемое'))
    ;(await api(client, 'delete', `/planner/items/${series.id}?scope=this&occurrence=2027-03-03T10:00`)).assertStatus(204)
    ;(await api(client, 'delete', `/planner/items/${series.id}?scope=following&occurrence=2027-03-10T10:00`)).assertStatus(204)
    assert.deepEqual((await march(client))['Удаляемое'], ['03-01 10:00', '03-08 10:00'])
    const stored = (await api(client, 'get', `/planner/items/${series.id}`)).body().data
    assert.equal(stored.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3')
    assert.deepEqual(stored.exdates, ['2027-03-03'])
    const bad = await api(client, 'delete', `/planner/items/${series.id}?scope=this&occurrence=2027-03-02T10:00`)
    bad.assertStatus(422)
    assert.equal(messages(bad).occurrence, 'В серии нет события на это время: обновите страницу и попробуйте снова')
    const wrongScope = await api(client, 'delete', `/planner/items/${series.id}?scope=some&occurrence=2027-03-08T10:00`)
    wrongScope.assertStatus(422)
    ;(await api(client, 'delete', `/planner/items/${series.id}?scope=all&occurrence=2027-03-08T10:00`)).assertStatus(204)
    ;(await api(client, 'get', `/planner/items/${series.id}`)).assertStatus(404)

    const plain = await createItem(client, office.host, tokens.outsider, weekly('Без области'))
    const replaced = await api(client, 'put', `/planner/items/${plain.id}`).json({ ...weekly('Без области'), startsAt: '2027-03-02T10:00', endsAt: '2027-03-02T11:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=2' })
    replaced.assertStatus(200)
    assert.notProperty(replaced.body(), 'series')
    assert.deepEqual((await march(client))['Без области'], ['03-02 10:00', '03-09 10:00'])
  })

  test('the repeat picker builds the RRULE on the server; the API keeps the RRULE', async ({ assert, client }) => {
    const weeklyPicked = await api(client, 'post', '/planner/items').json({
      kind: 'event', title: 'Через неделю', startsAt: '2027-03-01T10:00', repeat: 'weekly', repeatInterval: 2, repeatDays: ['FR', 'MO'], repeatEnd: 'until', repeatUntil: '2027-04-30',
    })
    weeklyPicked.assertStatus(201)
    assert.equal(weeklyPicked.body().data.rrule, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20270430T205959Z')
    // 9 March 2027 is the second Tuesday
    const second = await api(client, 'post', '/planner/items').json({
      kind: 'event', title: 'Второй вторник', startsAt: '2027-03-09T15:00', repeat: 'monthly', repeatMonthly: 'weekday', repeatEnd: 'count', repeatCount: 3,
    })
    assert.equal(second.body().data.rrule, 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3')
    const byDate = await api(client, 'post', '/planner/items').json({ kind: 'task', title: 'Отчёт', startsAt: '2027-03-17T12:00', repeat: 'monthly', repeatMonthly: 'date' })
    assert.equal(byDate.body().data.rrule, 'FREQ=MONTHLY;BYMONTHDAY=17')
    const yearly = await api(client, 'post', '/planner/items').json({ kind: 'task', title: 'Годовой', startsAt: '2027-03-17T12:00', repeat: 'yearly', repeatEnd: 'count', repeatCount: 5 })
    assert.equal(yearly.body().data.rrule, 'FREQ=YEARLY;COUNT=5')
    const none = await api(client, 'post', '/planner/items').json({ kind: 'task', title: 'Разово', startsAt: '2027-03-17T12:00', repeat: 'none', rrule: 'FREQ=DAILY' })
    assert.isNull(none.body().data.rrule)
    const found = await march(client)
    assert.deepEqual(found['Через неделю'], ['03-01 10:00', '03-05 10:00', '03-15 10:00', '03-19 10:00', '03-29 10:00', '04-02 10:00', '04-12 10:00', '04-16 10:00', '04-26 10:00', '04-30 10:00'])
    assert.deepEqual(found['Второй вторник'], ['03-09 15:00', '04-13 15:00'])
  })

  test('the picker\'s mistakes are 422s with a Russian message per field', async ({ assert, client }) => {
    const base = { kind: 'event', title: 'Ошибки', startsAt: '2027-03-10T10:00' }
    const response = await api(client, 'post', '/planner/items').json({ ...base, repeat: 'weekly', repeatInterval: 0, repeatDays: ['XX'], repeatEnd: 'until' })
    response.assertStatus(422)
    const found = messages(response)
    assert.equal(found.repeatInterval, 'Значение поля «Интервал» не может быть меньше 1')
    assert.equal(found['repeatDays.0'], 'Выберите значение поля «День недели» из списка')
    assert.equal(found.repeatUntil, 'Укажите последний день повторений')
    const early = await api(client, 'post', '/planner/items').json({ ...base, repeat: 'daily', repeatEnd: 'until', repeatUntil: '2027-03-09' })
    assert.equal(messages(early).repeatUntil, 'Последний день повторений не может быть раньше начала')
    const count = await api(client, 'post', '/planner/items').json({ ...base, repeat: 'daily', repeatEnd: 'count', repeatCount: 5000 })
    assert.equal(messages(count).repeatCount, 'Повторений не может быть больше 1000')
    const missing = await api(client, 'post', '/planner/items').json({ ...base, repeat: 'daily', repeatEnd: 'count' })
    assert.equal(messages(missing).repeatCount, 'Укажите, сколько раз повторять')
    const custom = await api(client, 'post', '/planner/items').json({ ...base, repeat: 'custom' })
    assert.equal(messages(custom).rrule, 'Впишите правило повторения или выберите частоту')
  })

  test('the edit form opened on an occurrence pre-fills the picker from the RRULE and asks which events to change', async ({ assert, client }) => {
    const series = await createItem(client, office.host, tokens.outsider, weekly('Форма', { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270430' }))
    const { session } = await signIn(client, office.host, office.outsider.email)
    const path = `/planner/items/${series.id}/edit?occurrence=2027-03-15T07:00:00.000Z`
    const form = await client.get(path).header('host', office.host).withCookie(SESSION_COOKIE, session)
    form.assertStatus(200)
    const html = form.text()
    assert.match(html, /<option value="weekly" selected/)
    assert.match(html, /name="repeatInterval"[^>]*value="2"/)
    assert.match(html, /value="MO" checked/)
    assert.match(html, /value="WE" checked/)
    assert.notMatch(html, /value="TU" checked/)
    assert.match(html, /value="until" checked/)
    assert.match(html, /name="repeatUntil"[^>]*value="2027-04-30"/)
    assert.match(html, /name="startsAt"[^>]*value="2027-03-15T10:00"/)
    assert.include(html, 'name="occurrence" value="2027-03-15T10:00:00.000+03:00"')
    for (const label of ['Только это событие', 'Это и последующие', 'Все события серии']) assert.include(html, label)

    // the form posts the picker; a mistake comes back next to its field
    const wrong = await postFrom(client, office.host, session, path, `/planner/items/${series.id}`, {
      kind: 'event', title: 'Форма', startsAt: '2027-03-15T10:00', endsAt: '2027-03-15T11:00', repeat: 'weekly', 'repeatDays[]': 'MO', repeatEnd: 'until', repeatUntil: '', occurrence: '2027-03-15T10:00:00.000+03:00', scope: 'this',
    })
    wrong.response.assertStatus(302)
    const back = await client.get(path).header('host', office.host).withCookie(SESSION_COOKIE, wrong.session)
    back.assertTextIncludes('Укажите последний день повторений')

    const saved = await postFrom(client, office.host, session, path, `/planner/items/${series.id}`, {
      kind: 'event', title: 'Форма', startsAt: '2027-03-16T10:00', endsAt: '2027-03-16T11:00', repeat: 'weekly', repeatInterval: '2', 'repeatDays[]': 'TU',
      repeatEnd: 'until', repeatUntil: '2027-04-30', occurrence: '2027-03-15T10:00:00.000+03:00', scope: 'following',
    })
    saved.response.assertStatus(302)
    const found = await march(client)
    assert.deepEqual(found['Форма'], ['03-01 10:00', '03-03 10:00', '03-16 10:00', '03-30 10:00', '04-13 10:00', '04-27 10:00'])
  })
})
