import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Order from '#modules/orders/models/order'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'

let office: OrdersOffice

test.group('Programmes | roadmap with events, indicators and orders', (group) => {
  group.setup(async () => {
    office = await ordersOffice('prog_alpha')
  })

  test('plan a roadmap, see a lagging event, spawn an order, report progress', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const created = await submitForm(client, office.host, session, '/programmes', '/programmes', {
      kind: 'roadmap', code: 'ДК-1', title: 'Дорожная карта модернизации здравоохранения', departmentId: String(office.departments.health.id),
    })
    created.assertTextIncludes('Программа создана.')
    const programmeId = created.text().match(/action="\/programmes\/(\d+)\/events"/)![1]

    const late = await submitForm(client, office.host, session, `/programmes/${programmeId}`, `/programmes/${programmeId}/events`, {
      title: 'Закупить 10 машин скорой помощи', departmentId: String(office.departments.health.id),
      plannedEnd: DateTime.now().minus({ days: 3 }).toISODate()!, indicatorName: 'Машины', indicatorUnit: 'шт.', indicatorPlanned: '10',
    })
    late.assertTextIncludes('Мероприятие добавлено.')
    late.assertTextIncludes('отстаёт')
    await submitForm(client, office.host, session, `/programmes/${programmeId}`, `/programmes/${programmeId}/events`, {
      title: 'Открыть 3 ФАПа', departmentId: String(office.departments.roads.id), plannedEnd: DateTime.now().plus({ days: 60 }).toISODate()!,
    })

    const list = await client.get('/programmes').header('host', office.host).withCookie(SESSION_COOKIE, session)
    list.assertTextIncludes('Выполнено мероприятий: 0 из 2')
    list.assertTextIncludes('отстаёт: 1')
    list.assertTextIncludes('Закупить 10 машин скорой помощи')

    // the execution-control dashboard shows the same progress and the lagging event
    const dashboard = await client.get('/orders/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    dashboard.assertTextIncludes('Программы и дорожные карты')
    dashboard.assertTextIncludes('Дорожная карта модернизации здравоохранения')
    dashboard.assertTextIncludes('Выполнено мероприятий: 0 из 2')
    dashboard.assertTextIncludes('отстаёт: 1')
    dashboard.assertTextIncludes('Закупить 10 машин скорой помощи')

    const event = await inOffice(office, () => ProgrammeEvent.findByOrFail('title', 'Закупить 10 машин скорой помощи'))
    const spawned = await submitForm(client, office.host, session, `/programmes/${programmeId}`, `/programmes/${programmeId}/events/${event.id}/order`, {})
    spawned.assertTextIncludes('выдано по мероприятию')
    const order = await inOffice(office, async () => Order.query().where('text', 'Закупить 10 машин скорой помощи').preload('executors').firstOrFail())
    assert.equal(order.status, 'issued')
    assert.equal(order.basis, 'ДК-1 Дорожная карта модернизации здравоохранения')
    assert.equal(order.executors[0].departmentId, office.departments.health.id)
    assert.equal(order.deadline?.toISODate(), (await inOffice(office, async () => (await import('#modules/orders/actions/create_order')).deadlineFor('date', event.plannedEnd.toJSDate()))).toISODate())

    // the health department reports the event done with the indicator's actual value
    const health = (await signIn(client, office.host, office.healthHead.email)).session
    const indicatorId = (await inOffice(office, () => event.related('indicators').query().firstOrFail())).id
    const updated = await submitForm(client, office.host, health, `/programmes/${programmeId}`, `/programmes/${programmeId}/events/${event.id}`, {
      completedOn: DateTime.now().toISODate()!, 'indicators[0][id]': String(indicatorId), 'indicators[0][actualValue]': '8',
    })
    updated.assertTextIncludes('Мероприятие обновлено.')
    updated.assertTextIncludes('Машины: 8 / 10 шт. (80%)')
    updated.assertTextIncludes('Выполнено мероприятий: 1 из 2 (50%)')
  })

  test('a department cannot report on another department\'s event; executors cannot plan', async ({ client }) => {
    const event = await inOffice(office, () => ProgrammeEvent.findByOrFail('title', 'Открыть 3 ФАПа'))
    const health = (await signIn(client, office.host, office.healthHead.email)).session
    const refused = await submitForm(client, office.host, health, `/programmes/${event.programmeId}`, `/programmes/${event.programmeId}/events/${event.id}`, {
      completedOn: DateTime.now().toISODate()!,
    })
    refused.assertStatus(403)
    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const plan = await submitForm(client, office.host, executor, '/programmes', '/programmes', { kind: 'roadmap', title: 'Своя программа' })
    plan.assertStatus(403)
  })

  test('bad input gets messages; other tenants get 404', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const bad = await submitForm(client, office.host, session, '/programmes', '/programmes', { kind: 'wish', title: '' })
    bad.assertTextIncludes('Выберите значение поля «Вид» из списка')
    bad.assertTextIncludes('Заполните поле «Название»')

    const event = await inOffice(office, () => ProgrammeEvent.findByOrFail('title', 'Открыть 3 ФАПа'))
    const other = await ensureTenant('prog_beta')
    const head = await ensureUser(other, 'head')
    const otherSession = (await signIn(client, hostOf(other), head.email)).session
    const response = await client.get(`/programmes/${event.programmeId}`).header('host', hostOf(other)).withCookie(SESSION_COOKIE, otherSession)
    response.assertStatus(404)
  })
})
