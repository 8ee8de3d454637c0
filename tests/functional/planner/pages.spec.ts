import { test } from '@japa/runner'
import PlannerItem from '#modules/planner/models/planner_item'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { moscowDay } from '#tests/helpers/planner'
import { SESSION_COOKIE, postFrom, signIn, submitForm } from '#tests/helpers/http'

let office: OrdersOffice
let session: string

function page(client: any, path: string, cookie = session) {
  return client.get(path).header('host', office.host).withCookie(SESSION_COOKIE, cookie)
}

test.group('Planner | pages', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_pages')
  })
  group.each.setup(async ({ context }) => {
    session = (await signIn(context.client, office.host, office.healthExecutor.email)).session!
  })

  test('create an event in the form and see it in the day, week, month and agenda views', async ({ assert, client }) => {
    const day = moscowDay(1)
    const week = await submitForm(client, office.host, session, '/planner/new', '/planner/items', {
      kind: 'event', title: 'Совещание по вакцинации', startsAt: `${day}T11:00`, endsAt: `${day}T12:00`, location: 'Зал коллегии', 'reminders[]': '30',
    })
    week.assertStatus(200)
    week.assertTextIncludes('Запись добавлена.')
    week.assertTextIncludes('Совещание по вакцинации')
    week.assertTextIncludes('11:00–12:00')
    week.assertTextIncludes('Зал коллегии')
    const item = await inOffice(office, () => PlannerItem.findByOrFail('title', 'Совещание по вакцинации'))
    assert.deepEqual(item.reminders, [30])
    assert.equal(item.userId, office.healthExecutor.id)

    for (const view of ['day', 'month', 'agenda']) {
      const response = await page(client, `/planner?view=${view}&date=${day}`)
      response.assertStatus(200)
      response.assertTextIncludes('Совещание по вакцинации')
    }
    // the view before it does not show it
    ;(await page(client, `/planner?view=day&date=${moscowDay(0)}`)).assertTextIncludes('Ничего не запланировано.')
  })

  test('edit, move without JavaScript, see the overlap flagged, delete', async ({ assert, client }) => {
    const day = moscowDay(2)
    await submitForm(client, office.host, session, '/planner/new', '/planner/items', { kind: 'event', title: 'Выезд в район', startsAt: `${day}T09:00`, endsAt: `${day}T13:00` })
    await submitForm(client, office.host, session, '/planner/new', '/planner/items', { kind: 'event', title: 'Созвон с министерством', startsAt: `${day}T12:00`, endsAt: `${day}T12:30` })
    const item = await inOffice(office, () => PlannerItem.findByOrFail('title', 'Выезд в район'))

    const overlap = await page(client, `/planner?view=day&date=${day}`)
    overlap.assertTextIncludes('2 события пересекаются с другими по времени.')
    assert.lengthOf(overlap.text().match(/planner-entry--conflict/g) ?? [], 2)

    const form = await page(client, `/planner/items/${item.id}/edit`)
    form.assertTextIncludes(`value="${day}T09:00"`)
    const edited = await submitForm(client, office.host, session, `/planner/items/${item.id}/edit`, `/planner/items/${item.id}`, {
      kind: 'event', title: 'Выезд в район (Кореновск)', startsAt: `${day}T09:00`, endsAt: `${day}T11:00`,
    })
    edited.assertTextIncludes('Запись изменена.')
    assert.notInclude(edited.text(), 'пересекаются')

    const moved = await submitForm(client, office.host, session, `/planner?view=week&date=${day}`, `/planner/items/${item.id}/move`, { startsAt: `${moscowDay(3)}T15:00` })
    moved.assertTextIncludes('Запись перенесена.')
    const fresh = await inOffice(office, () => PlannerItem.findOrFail(item.id))
    assert.equal(fresh.startsAt.setZone('Europe/Moscow').toFormat("yyyy-LL-dd'T'HH:mm"), `${moscowDay(3)}T15:00`)
    assert.equal(fresh.endsAt!.diff(fresh.startsAt, 'hours').hours, 2)

    const deleted = await submitForm(client, office.host, session, `/planner/items/${item.id}/edit`, `/planner/items/${item.id}/delete`, {})
    deleted.assertTextIncludes('Запись удалена.')
    assert.isNull(await inOffice(office, () => PlannerItem.find(item.id)))
  })

  test('drag and drop posts the new start and gets JSON back (a series moves as a whole)', async ({ assert, client }) => {
    const day = moscowDay(5)
    await submitForm(client, office.host, session, '/planner/new', '/planner/items', {
      kind: 'event', title: 'Обход отделений', startsAt: `${day}T08:00`, endsAt: `${day}T08:30`, rrule: 'FREQ=DAILY;COUNT=3', exdates: moscowDay(6),
    })
    const item = await inOffice(office, () => PlannerItem.findByOrFail('title', 'Обход отделений'))
    const weekPage = await page(client, `/planner?view=week&date=${day}`)
    const csrf = weekPage.text().match(/data-csrf="([^"]+)"/)![1]
    // the first occurrence is dragged one day later: the whole series shifts by a day
    const from = `${day}T08:00:00.000+03:00`
    const response = await client
      .post(`/planner/items/${item.id}/move`)
      .header('host', office.host)
      .header('accept', 'application/json')
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrf, startsAt: `${moscowDay(6)}T08:00:00.000+03:00`, from })
    response.assertStatus(200)
    assert.equal(response.body().data.startsAt, `${moscowDay(6)}T08:00:00.000+03:00`)
    // the cancelled day moved with its occurrence
    assert.deepEqual(response.body().data.exdates, [moscowDay(7)])
  })

  test('from an order card, a new entry comes linked to that order', async ({ assert, client }) => {
    const order = await inOffice(office, async () => {
      const { CreateOrder } = await import('#modules/orders/actions/create_order')
      const { IssueOrder } = await import('#modules/orders/actions/issue_order')
      const draft = await new CreateOrder().handle(
        { type: 'order', text: 'Провести приёмку оборудования', deadlineKeyword: 'promptly', responsible: `user:${office.healthExecutor.id}` },
        office.head
      )
      return new IssueOrder().handle(draft, office.head)
    })
    const card = await page(client, `/orders/${order.id}`)
    card.assertTextIncludes(`href="/planner/new?orderId=${order.id}"`)
    const form = await page(client, `/planner/new?orderId=${order.id}`)
    assert.match(form.text(), new RegExp(`<option value="${order.id}" selected\\s*>`))
    await submitForm(client, office.host, session, `/planner/new?orderId=${order.id}`, '/planner/items', {
      kind: 'task', title: 'Подготовить акт приёмки', startsAt: `${moscowDay(2)}T12:00`, orderId: String(order.id),
    })
    const item = await inOffice(office, () => PlannerItem.findByOrFail('title', 'Подготовить акт приёмки'))
    assert.equal(item.orderId, order.id)
    const week = await page(client, `/planner?view=week&date=${moscowDay(2)}`)
    week.assertTextIncludes(`Поручение ${order.number}`)
  })

  test('bad form input shows messages next to the fields and keeps what was typed', async ({ client }) => {
    const response = await submitForm(client, office.host, session, '/planner/new', '/planner/items', {
      kind: 'event', title: 'Черновик плана', startsAt: `${moscowDay(1)}T10:00`, endsAt: `${moscowDay(1)}T09:00`, rrule: 'каждый день',
    })
    response.assertTextIncludes('Окончание должно быть позже начала')
    response.assertTextIncludes('Правило повторения не распознано')
    response.assertTextIncludes('value="Черновик плана"')
  })

  test('the subscription page shows a new link once, then only when it was issued', async ({ assert, client }) => {
    const feed = await page(client, '/planner/feed')
    feed.assertStatus(200)
    feed.assertTextIncludes('Ссылка ещё не выдавалась.')
    const regenerated = await postFrom(client, office.host, session, '/planner/feed', '/planner/feed/token', {})
    regenerated.response.assertStatus(302)
    const shown = await page(client, '/planner/feed', regenerated.session)
    assert.match(shown.text(), /value="http:\/\/plan-pages\.localhost[^"]*\/planner\/feed\/[A-Za-z0-9_-]+\.ics"/)
    shown.assertTextIncludes('Текущая ссылка выдана:')
    const later = await page(client, '/planner/feed', regenerated.session)
    assert.notMatch(later.text(), /\.ics"/)
  })
})
