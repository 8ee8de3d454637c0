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
    saved.assertTextIncludes('День 17.03.2027 сохранён.')
    saved.assertTextIncludes('Региональный праздник')
    const moved = await inOffice(office, () => deadlineFor('date', DateTime.fromISO(target).toJSDate()))
    assert.equal(moved.toISODate(), '2027-03-16')

    const removed = await submitForm(client, office.host, session, '/orders/calendar?year=2027', `/orders/calendar/${target}/delete`, {})
    removed.assertTextIncludes('День 17.03.2027 удалён.')
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
    page.assertTextIncludes('<td>09.01.2026</td>')
    const refused = await submitForm(client, office.host, session, '/orders/calendar', '/orders/calendar', { day: '2026-12-15', kind: 'holiday' })
    refused.assertStatus(403)

    const admin = await ensureUser(office.tenant, 'admin')
    const adminSession = (await signIn(client, office.host, admin.email)).session
    const bad = await submitForm(client, office.host, adminSession, '/orders/calendar', '/orders/calendar', { day: 'завтра', kind: 'vacation' })
    bad.assertTextIncludes('Укажите дату в формате ГГГГ-ММ-ДД')
    bad.assertTextIncludes('Выберите значение поля «Вид» из списка')
  })
})

test.group('Orders | calendar | deadline keyword rules', (group) => {
  let rulesOffice: OrdersOffice
  let neighbour: OrdersOffice
  const signed = DateTime.fromISO('2027-03-01') as DateTime<true> // a Monday; 8 March is a holiday

  group.setup(async () => {
    rulesOffice = await ordersOffice('ord_rules')
    neighbour = await ordersOffice('ord_rules_b')
  })

  function rulesForm(overrides: Record<string, string> = {}) {
    return {
      'rules[immediately][kind]': 'working_days', 'rules[immediately][value]': '1',
      'rules[urgent][kind]': 'working_days', 'rules[urgent][value]': '3',
      'rules[promptly][kind]': 'working_days', 'rules[promptly][value]': '10',
      'rules[monthly][kind]': 'day_of_next_month', 'rules[monthly][value]': '10',
      'rules[quarterly][kind]': 'day_of_next_month', 'rules[quarterly][value]': '10',
      'rules[permanent][kind]': 'date_of_next_year', 'rules[permanent][value]': '20', 'rules[permanent][month]': '1',
      'rules[none][kind]': 'calendar_months', 'rules[none][value]': '1',
      ...overrides,
    }
  }

  test('an admin makes «срочно» five working days: new deadlines follow, the neighbour tenant keeps the default, it is audited', async ({ assert, client }) => {
    const admin = await ensureUser(rulesOffice.tenant, 'admin')
    const { session } = await signIn(client, rulesOffice.host, admin.email)
    const before = await inOffice(rulesOffice, () => deadlineFor('urgent', undefined, signed))
    assert.equal(before.toISODate(), '2027-03-04')

    const saved = await submitForm(client, rulesOffice.host, session, '/orders/calendar', '/orders/calendar/rules', rulesForm({ 'rules[urgent][value]': '5' }))
    saved.assertTextIncludes('Правила сроков сохранены (изменено 1 слово)')
    saved.assertTextIncludes('изменено</span>')

    const after = await inOffice(rulesOffice, () => deadlineFor('urgent', undefined, signed))
    assert.equal(after.toISODate(), '2027-03-09')
    const elsewhere = await inOffice(neighbour, () => deadlineFor('urgent', undefined, signed))
    assert.equal(elsewhere.toISODate(), '2027-03-04')

    const audit = await client.get('/admin/audit').header('host', rulesOffice.host).withCookie(SESSION_COOKIE, session)
    audit.assertTextIncludes('calendar.rules_changed')
  })

  test('out-of-range numbers get per-field messages and nothing is saved', async ({ assert, client }) => {
    const admin = await ensureUser(rulesOffice.tenant, 'admin')
    const { session } = await signIn(client, rulesOffice.host, admin.email)
    const before = await inOffice(rulesOffice, () => deadlineFor('promptly', undefined, signed))
    const refused = await submitForm(
      client,
      rulesOffice.host,
      session,
      '/orders/calendar',
      '/orders/calendar/rules',
      rulesForm({ 'rules[promptly][value]': '0', 'rules[monthly][value]': '32', 'rules[permanent][month]': '13' })
    )
    assert.notInclude(refused.text(), 'The form could not be saved')
    refused.assertTextIncludes('Значение поля «Число» должно быть от 1 до 60')
    refused.assertTextIncludes('Значение поля «Число» должно быть от 1 до 31')
    refused.assertTextIncludes('Значение поля «Месяц» должно быть от 1 до 12')
    const after = await inOffice(rulesOffice, () => deadlineFor('promptly', undefined, signed))
    assert.equal(after.toISODate(), before.toISODate())
  })

  test('only admins change the rules', async ({ client }) => {
    const { session } = await signIn(client, rulesOffice.host, rulesOffice.healthHead.email)
    const response = await submitForm(client, rulesOffice.host, session, '/orders/calendar', '/orders/calendar/rules', rulesForm())
    response.assertStatus(403)
  })
})
