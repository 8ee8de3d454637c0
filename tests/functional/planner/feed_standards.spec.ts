import { test } from '@japa/runner'
import ICAL from 'ical.js'
import { tenantUrl } from '#tenancy/tenant_urls'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { createItem, moscowDay } from '#tests/helpers/planner'
import { getFrom, trusting } from '#tests/helpers/http'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']


async function feedPath(client: any) {
  const issued = await client.post('/api/v1/planner/feed-token').header('host', office.host).bearerToken(tokens.outsider)
  issued.assertStatus(201)
  return (issued.body().data.url as string).replace(/^https?:\/\/[^/]+/, '')
}

test.group('Planner | iCalendar feed per RFC 5545', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_feed_rfc')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
  })

  test('DTSTAMP and LAST-MODIFIED in UTC, CRLF after every line including END:VCALENDAR, a series starts on its own weekday', async ({ assert, client }) => {
    // saved on Monday 1 March 2027 but "every Tuesday and Thursday": the series starts on Tuesday
    const saved = await createItem(client, office.host, tokens.outsider, { title: 'Вторник и четверг', startsAt: '2027-03-01T10:00', endsAt: '2027-03-01T11:00', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' })
    assert.equal(saved.startsAt, '2027-03-02T10:00:00.000+03:00')
    // one stored before that rule, still on a Monday: the feed aligns it
    const old = await createItem(client, office.host, tokens.outsider, { title: 'Среда', startsAt: '2027-03-03T09:00', rrule: 'FREQ=WEEKLY;BYDAY=WE' })
    await inOffice(office, () => tenantDb().from('planner_items').where('id', old.id).update({ starts_at: '2027-03-01T06:00:00Z', ends_at: '2027-03-01T07:00:00Z' }))
    // a single item near today (the feed reaches 30 days back)
    await createItem(client, office.host, tokens.outsider, { title: 'Разовое', startsAt: `${moscowDay(3)}T12:00` })

    const response = await client.get(await feedPath(client)).header('host', office.host)
    response.assertStatus(200)
    const text = response.text()
    assert.isTrue(text.endsWith('END:VCALENDAR\r\n'))
    assert.notInclude(text.replaceAll('\r\n', ''), '\n')
    const stamps = text.split('\r\n').filter((line) => /^(DTSTAMP|LAST-MODIFIED)[:;]/.test(line))
    // DTSTAMP and LAST-MODIFIED of three items at least
    assert.isAtLeast(stamps.length, 6)
    for (const line of stamps) assert.match(line, /^(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z$/)

    // an independent parser reads it, and every series' DTSTART is a day its rule names
    const calendar = new ICAL.Component(ICAL.parse(text))
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
    const series = events.filter((event) => event.isRecurring())
    assert.lengthOf(series, 2)
    for (const event of series) {
      const rule = event.component.getFirstPropertyValue('rrule') as ICAL.Recur
      const days = (rule.parts.BYDAY ?? []) as string[]
      const weekday = WEEKDAYS[event.startDate.dayOfWeek() - 1]
      assert.include(days, weekday, `${event.summary} starts on ${weekday}`)
      // the first instance is DTSTART itself
      assert.equal(event.iterator().next()!.toString(), event.startDate.toString())
    }
    const wednesday = events.find((event) => event.summary === 'Среда')!
    assert.equal(wednesday.startDate.toString(), '2027-03-03T09:00:00')
    assert.equal(wednesday.component.getFirstPropertyValue('dtstamp')!.toString().length > 0, true)
  })

  test('URL uses the protocol the user reaches the tenant by: https only through a trusted proxy', async ({ assert, client }) => {
    await createItem(client, office.host, tokens.outsider, { title: 'Ссылка', startsAt: `${moscowDay(3)}T12:00` })
    const path = await feedPath(client)
    const urls = (text: string) => text.split('\r\n').filter((line) => line.startsWith('URL'))

    // a client cannot choose https by itself
    const direct = await client.get(path).header('host', office.host).header('x-forwarded-proto', 'https')
    const plain = urls(direct.text())
    assert.isNotEmpty(plain)
    for (const line of plain) assert.isTrue(line.startsWith(`URL;VALUE=URI:${tenantUrl(office.tenant)}/`) || line.startsWith(`URL:${tenantUrl(office.tenant)}/`), line)

    const secure = await trusting('127.0.0.35', () => getFrom('127.0.0.35', path, { 'host': office.host, 'x-forwarded-proto': 'https' }))
    assert.equal(secure.status, 200)
    const host = new URL(tenantUrl(office.tenant)).hostname
    const secured = urls(secure.body)
    assert.isNotEmpty(secured)
    for (const line of secured) assert.match(line, new RegExp(`^URL(;VALUE=URI)?:https://${host.replace(/[.]/g, '\\.')}/`))
  })
})
