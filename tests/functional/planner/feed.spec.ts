import { test } from '@japa/runner'
import { get as httpGet } from 'node:http'
import { gunzipSync } from 'node:zlib'
import ICAL from 'ical.js'
import { createHash } from 'node:crypto'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { createItem, dueDay, issueOrderToHealth, moscowDay } from '#tests/helpers/planner'
import { SESSION_COOKIE, postFrom, signIn } from '#tests/helpers/http'
import { ensureTenant, hostOf } from '#tests/helpers/tenants'
import { Redis } from 'ioredis'
import { settings } from '#core/settings'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

function pathOf(url: string) {
  return url.replace(/^https?:\/\/[^/]+/, '')
}

/** Forgets the tenant's cached feeds, as their five minutes running out would. */
async function expireCachedFeeds(slug: string) {
  const connection = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
  let cursor = '0'
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${settings.redis.keyPrefix}:planner:feed:${slug}:*`, 'COUNT', 500)
    cursor = next
    if (keys.length) await connection.del(...keys)
  } while (cursor !== '0')
  await connection.quit()
}

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) }
}

test.group('Planner | iCalendar feed', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_feed')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('the feed holds the user\'s events, series as RRULE with EXDATE, and his order deadlines; nothing of others', async ({ assert, client }) => {
    const start = moscowDay(2)
    await createItem(client, office.host, tokens.healthHead, {
      title: 'Планёрка', startsAt: `${start}T09:30`, endsAt: `${start}T10:00`, rrule: 'FREQ=DAILY;COUNT=4', exdates: [moscowDay(3)], reminders: [10], location: 'Зал 2',
    })
    await createItem(client, office.host, tokens.healthHead, { title: 'День здоровья', startsAt: moscowDay(6), allDay: true })
    await createItem(client, office.host, tokens.outsider, { title: 'Чужая встреча', startsAt: `${start}T12:00` })
    const order = await issueOrderToHealth(client, office, tokens.head, 'Обеспечить запас вакцин', moscowDay(9))

    const issued = await client.post('/api/v1/planner/feed-token').header('host', office.host).bearerToken(tokens.healthHead)
    issued.assertStatus(201)
    const url: string = issued.body().data.url
    assert.match(url, /\/planner\/feed\/[A-Za-z0-9_-]{32}\.ics$/)

    const response = await client.get(pathOf(url)).header('host', office.host)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/calendar/)
    const { calendar, events } = parseFeed(response.text())

    assert.equal(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), 'Europe/Moscow')
    const summaries = events.map((event) => event.summary)
    assert.includeMembers(summaries, ['Планёрка', 'День здоровья', `Срок поручения ${order.number}: Обеспечить запас вакцин`])
    assert.notInclude(summaries.join('|'), 'Чужая встреча')

    const meeting = events.find((event) => event.summary === 'Планёрка')!
    assert.isTrue(meeting.isRecurring())
    assert.equal(meeting.location, 'Зал 2')
    assert.equal(meeting.component.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Moscow')
    const iterator = meeting.iterator()
    const days: string[] = []
    for (let next = iterator.next(); next && days.length < 10; next = iterator.next()) days.push(next.toString().slice(0, 16))
    assert.deepEqual(days, [`${start}T09:30`, `${moscowDay(4)}T09:30`, `${moscowDay(5)}T09:30`])
    assert.equal(meeting.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString(), '-PT10M')

    const allDay = events.find((event) => event.summary === 'День здоровья')!
    assert.isTrue(allDay.startDate.isDate)
    assert.equal(allDay.startDate.toString(), moscowDay(6))
    const deadline = events.find((event) => event.summary.startsWith('Срок поручения'))!
    assert.equal(deadline.startDate.toString(), dueDay(9))
  })

  test('only a hash is stored; a new token revokes the old link; unknown and foreign tokens are 404', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.controller.email)
    const first = await postFrom(client, office.host, session, '/planner/feed', '/planner/feed/token', {})
    const page = await client.get('/planner/feed').header('host', office.host).withCookie(SESSION_COOKIE, first.session)
    page.assertTextIncludes('Новая ссылка создана, прежняя больше не работает.')
    const oldUrl = page.text().match(/value="(https?:\/\/[^"]+\.ics)"/)![1]
    const oldToken = oldUrl.match(/feed\/([^.]+)\.ics/)![1]
    ;(await client.get(pathOf(oldUrl)).header('host', office.host)).assertStatus(200)

    const stored = await inOffice(office, () => tenantDb().from('planner_feed_tokens').where('user_id', office.controller.id).first())
    assert.equal(stored.token_hash, createHash('sha256').update(oldToken).digest('hex'))
    assert.notInclude(JSON.stringify(stored), oldToken)

    const second = await client.post('/api/v1/planner/feed-token').header('host', office.host).bearerToken(tokens.controller)
    const newUrl: string = second.body().data.url
    assert.notEqual(newUrl, oldUrl)
    ;(await client.get(pathOf(oldUrl)).header('host', office.host)).assertStatus(404)
    ;(await client.get(pathOf(newUrl)).header('host', office.host)).assertStatus(200)

    ;(await client.get('/planner/feed/not-a-real-token-000000000000.ics').header('host', office.host)).assertStatus(404)
    const other = await ensureTenant('plan_feed_other')
    ;(await client.get(pathOf(newUrl)).header('host', hostOf(other))).assertStatus(404)
  })

  test('a cached feed changes as soon as an item changes, and answers 304 to a matching ETag', async ({ assert, client }) => {
    const issued = await client.post('/api/v1/planner/feed-token').header('host', office.host).bearerToken(tokens.roadsHead)
    const path = pathOf(issued.body().data.url)
    const item = await createItem(client, office.host, tokens.roadsHead, { title: 'Осмотр дорог', startsAt: `${moscowDay(1)}T10:00` })
    const first = await client.get(path).header('host', office.host)
    const etag = first.header('etag')!
    assert.include(first.text(), 'SUMMARY:Осмотр дорог')
    // kept and sent gzipped to calendar apps that take it; plain to the others, the same calendar
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const request = httpGet({ host: '127.0.0.1', port: Number(process.env.PORT), path, headers: { host: office.host, 'accept-encoding': encoding } }, (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }))
        })
        request.on('error', reject)
      })
    const zipped = await raw('gzip, deflate')
    assert.equal(zipped.headers['content-encoding'], 'gzip')
    const plain = await raw('identity')
    assert.isUndefined(plain.headers['content-encoding'])
    assert.equal(gunzipSync(zipped.body).toString(), plain.body.toString())
    assert.include(plain.body.toString(), 'SUMMARY:Осмотр дорог')
    ;(await client.get(path).header('host', office.host).header('if-none-match', etag)).assertStatus(304)

    await client.put(`/api/v1/planner/items/${item.id}`).header('host', office.host).bearerToken(tokens.roadsHead)
      .json({ kind: 'event', title: 'Осмотр мостов', startsAt: `${moscowDay(1)}T10:00` })
    const changed = await client.get(path).header('host', office.host).header('if-none-match', etag)
    changed.assertStatus(200)
    assert.include(changed.text(), 'SUMMARY:Осмотр мостов')
    assert.notInclude(changed.text(), 'Осмотр дорог')

    await client.delete(`/api/v1/planner/items/${item.id}`).header('host', office.host).bearerToken(tokens.roadsHead)
    assert.notInclude((await client.get(path).header('host', office.host)).text(), 'Осмотр мостов')
  })

  test('a new order deadline reaches a client that sends its ETag once the cached build has expired', async ({ assert, client }) => {
    const issued = await client.post('/api/v1/planner/feed-token').header('host', office.host).bearerToken(tokens.healthHead)
    const path = pathOf(issued.body().data.url)
    const first = await client.get(path).header('host', office.host)
    first.assertStatus(200)
    const etag = first.header('etag')!
    // deadlines are not the user's items: within the cached build's five minutes the client's copy stands
    const order = await issueOrderToHealth(client, office, tokens.head, 'Проверить готовность котельных', moscowDay(12))
    ;(await client.get(path).header('host', office.host).header('if-none-match', etag)).assertStatus(304)

    await expireCachedFeeds(office.tenant.slug)
    const rebuilt = await client.get(path).header('host', office.host).header('if-none-match', etag)
    rebuilt.assertStatus(200)
    assert.notEqual(rebuilt.header('etag'), etag)
    const summaries = parseFeed(rebuilt.text()).events.map((event) => event.summary)
    assert.include(summaries, `Срок поручения ${order.number}: Проверить готовность котельных`)
    ;(await client.get(path).header('host', office.host).header('if-none-match', rebuilt.header('etag')!)).assertStatus(304)
  })
})
