import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureUser } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { deadlineFor } from '#modules/orders/actions/create_order'

let office: OrdersOffice

test.group('Orders | calendar | admin edits', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_cal')
  })

  test('an added holiday moves deadlines; removing it restores them; both are audited', async ({ assert, client }) => {
    const admin = await ensureUser(office.tenant, 'admin')
    const { session } = await signIn(client, office.host, admin.email)
    const target = '2027-03-17'
    const before = await inOffice(office, () => deadlineFor('date', DateTime.fromISO(target).toJSDate()))
    assert.equal(before.toISODate(), target)

    const saved = await submitForm(client, office.host, session, '/orders/calendar?year=2027', '/orders/calendar', {
      day: target,
      kind: 'holiday',
      note: 'Региональный праздник',
    })
    saved.assertTextIncludes(`День ${target} сохранён.`)
    saved.assertTextIncludes('Региональный праздник')
    const moved = await inOffice(office, () => deadlineFor('date', DateTime.fromISO(target).toJSDate()))
    assert.equal(moved.toISODate(), '2027-03-16')

    const removed = await submitForm(client, office.host, session, '/orders/calendar?year=2027', `/orders/calendar/${target}/delete`, {})
    removed.assertTextIncludes(`День ${target} удалён.`)
    const back = await inOffice(office, () => deadlineFor('date', DateTime.fromISO(target).toJSDate()))
    assert.equal(back.toISODate(), target)

    const audit = await client.get('/admin/audit').header('host', office.host).withCookie(SESSION_COOKIE, session)
    audit.assertTextIncludes('calendar.day_set')
    audit.assertTextIncludes('calendar.day_removed')
  })

  test('others read the calendar but cannot change it; bad input gets messages', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get('/orders/calendar?year=2026').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('2026-01-09')
    const refused = await submitForm(client, office.host, session, '/orders/calendar', '/orders/calendar', { day: '2026-12-15', kind: 'holiday' })
    refused.assertStatus(403)

    const admin = await ensureUser(office.tenant, 'admin')
    const adminSession = (await signIn(client, office.host, admin.email)).session
    const bad = await submitForm(client, office.host, adminSession, '/orders/calendar', '/orders/calendar', { day: 'завтра', kind: 'vacation' })
    bad.assertTextIncludes('Укажите дату в формате ГГГГ-ММ-ДД')
    bad.assertTextIncludes('Выберите значение поля «Вид» из списка')
  })
})
