import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { rollupBuilder } from '#tenancy/rollup'
import { tenantDb } from '#tenancy/tenant_model'
import { regionToday } from '#core/region_time'
import { blockFigures, twelveWeeks } from '#modules/control/services/control_figures'
import { loadOrdersDashboard } from '#modules/orders/builders/orders_dashboard'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

let block: OrdersOffice
let control: Tenant
let tokens: Awaited<ReturnType<typeof tokensFor>>

function api(client: any, method: 'get' | 'post', path: string, who: keyof typeof tokens) {
  return client[method](`/api/v1${path}`).header('host', block.host).bearerToken(tokens[who])
}

async function issue(client: any, text: string, deadline: DateTime, extra: Record<string, unknown> = {}) {
  const created = await api(client, 'post', '/orders', 'head').json({
    type: 'order',
    text,
    deadlineKeyword: 'date',
    deadline: deadline.toISODate(),
    responsible: `department:${block.departments.health.id}`,
    issue: true,
    ...extra,
  })
  created.assertStatus(201)
  return created.body().data as { id: number; number: string }
}

async function controlPage(client: any, path: string) {
  const head = await ensureUser(control, 'head', 'head@ctl-control.test')
  const { session } = await signIn(client, hostOf(control), head.email)
  return client.get(path).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
}

test.group('Control | order card, figures and trend', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('ctl_control', 'control')
    block = await ordersOffice('ctl_card')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, block)
  })

  test('the read-only card shows the block\'s history and reports through the rollup; restricted texts stay empty', async ({ assert, client }) => {
    const open = await issue(client, 'Отремонтировать кровлю больницы № 3', DateTime.now().plus({ days: 12 }))
    ;(await api(client, 'post', `/orders/${open.id}/report`, 'healthHead').json({ text: 'Кровля отремонтирована, акт приложен.', completedOn: DateTime.now().toISODate() })).assertStatus(200)
    ;(await api(client, 'post', `/orders/${open.id}/review`, 'head').json({ decision: 'return', comment: 'Приложите фотографии кровли' })).assertStatus(200)

    const secret = await issue(client, 'Секретная закупка оборудования', DateTime.now().plus({ days: 12 }), { privacy: 'restricted' })
    ;(await api(client, 'post', `/orders/${secret.id}/report`, 'healthHead').json({ text: 'Секретный отчёт о закупке томографа.', completedOn: DateTime.now().toISODate() })).assertStatus(200)

    const card = await controlPage(client, `/control/blocks/ctl_card/orders/${open.id}`)
    card.assertStatus(200)
    const html = card.text()
    const reports = html.slice(html.indexOf('data-control-reports'), html.indexOf('data-control-history'))
    assert.include(reports, 'Кровля отремонтирована, акт приложен.')
    assert.include(reports, 'Приложите фотографии кровли')
    assert.include(reports, 'возвращён')
    const history = html.slice(html.indexOf('data-control-history'))
    assert.include(history, 'выдано')
    assert.include(history, 'направлен отчёт')
    assert.include(history, 'отчёт возвращён на доработку')
    assert.include(history, 'статус: Отчёт на рассмотрении → Возвращено на доработку')
    assert.include(history, block.healthHead.fullName)

    const restricted = await controlPage(client, `/control/blocks/ctl_card/orders/${secret.id}`)
    restricted.assertStatus(200)
    assert.notInclude(restricted.text(), 'Секретный отчёт')
    assert.notInclude(restricted.text(), 'Секретная закупка')
    assert.include(restricted.text(), 'направлен отчёт')
    const restrictedReports = restricted.text().slice(restricted.text().indexOf('data-control-reports'))
    assert.include(restrictedReports, 'Текст ограниченного доступа скрыт.')

    // in the rollup itself the restricted texts are NULL, the normal ones are there
    await inTenant(control, async () => {
      const rows = await tenantDb().rawQuery(`select order_id, text from rollup.order_reports where block = 'ctl_card' and order_id in (?, ?)`, [open.id, secret.id])
      const byOrder = new Map(rows.rows.map((row: { order_id: number; text: string | null }) => [row.order_id, row.text]))
      assert.equal(byOrder.get(open.id), 'Кровля отремонтирована, акт приложен.')
      assert.isNull(byOrder.get(secret.id))
      const history = await tenantDb().rawQuery(`select count(*)::int as total from rollup.order_activities where block = 'ctl_card' and order_id = ?`, [secret.id])
      assert.isAbove(history.rows[0].total, 0)
    })
  })

  test('the block\'s figures on the control dashboard equal the block\'s own dashboard at the refresh', async ({ assert, client }) => {
    const today = regionToday()
    await issue(client, 'Просроченное поручение о дорогах', today.minus({ days: 3 }))
    await issue(client, 'Поручение на этой неделе', today.endOf('week').startOf('day'))
    await issue(client, 'Поручение на сегодня', today)
    await issue(client, 'Поручение на особом контроле', today.plus({ days: 30 }), { specialControl: true })
    const done = await issue(client, 'Исполненное поручение', today.plus({ days: 5 }))
    ;(await api(client, 'post', `/orders/${done.id}/report`, 'healthHead').json({ text: 'Исполнено полностью и в срок.', completedOn: today.toISODate() })).assertStatus(200)
    ;(await api(client, 'post', `/orders/${done.id}/review`, 'head').json({ decision: 'accept' })).assertStatus(200)

    await rollupBuilder.refresh()
    const own = await inOffice(block, () => loadOrdersDashboard(block.head, 'ru'))
    const seen = await inTenant(control, () => blockFigures('ctl_card'))
    assert.deepEqual(
      {
        on_time: seen.totals.on_time,
        overdue: seen.totals.overdue,
        due_week: seen.totals.due_week,
        executed_month: seen.totals.executed_month,
        special_control: seen.totals.special_control,
      },
      {
        on_time: own.totals.on_time,
        overdue: own.totals.overdue,
        due_week: own.totals.due_this_week,
        executed_month: own.totals.executed_this_month,
        special_control: own.totals.special_control,
      }
    )
    assert.isAbove(own.totals.overdue, 0)
    assert.isAbove(own.totals.executed_this_month, 0)

    // the page shows them with the moment they are as of, and says why they may differ
    const page = await controlPage(client, '/control/blocks/ctl_card')
    page.assertTextIncludes('Данные на')
    page.assertTextIncludes('совпадают с ней на момент обновления')
    const figure = (name: string) => page.text().match(new RegExp(`data-figure="${name}"[^]*?stat__value">([^<]+)<`))![1].replace(/\s/g, '')
    assert.equal(figure('overdue'), String(own.totals.overdue))
    assert.equal(figure('executed_month'), String(own.totals.executed_this_month))
  })

  test('the 12-week trend has every week, zero weeks included, named ДД.ММ, drawn as a line chart', async ({ assert, client }) => {
    // an order issued five weeks ago
    const old = await issue(client, 'Поручение пятинедельной давности', DateTime.now().plus({ days: 10 }))
    const fiveWeeksAgo = regionToday().startOf('week').minus({ weeks: 5 })
    await inOffice(block, () => tenantDb().from('orders').where('id', old.id).update({ issued_at: fiveWeeksAgo.plus({ days: 2, hours: 10 }).toJSDate() }))
    await rollupBuilder.refresh()

    const page = await controlPage(client, '/control')
    page.assertStatus(200)
    const html = page.text()
    const weeks = [...html.matchAll(/<tr data-week="(\d{4}-\d{2}-\d{2})"><td><time datetime="[^"]+">([^<]+)<\/time><\/td><td class="num">(\d+)<\/td>/g)]
    assert.lengthOf(weeks, 12)
    const monday = regionToday().startOf('week')
    weeks.forEach((match, index) => {
      const week = monday.minus({ weeks: 11 - index })
      assert.equal(match[1], week.toISODate())
      assert.equal(match[2], week.toFormat('dd.LL'))
    })
    const fifth = weeks.find((match) => match[1] === fiveWeeksAgo.toISODate())!
    assert.isAtLeast(Number(fifth[3]), 1)

    const chart = html.match(/data-trend="([^"]+)"/)
    assert.isNotNull(chart)
    const data = JSON.parse(chart![1].replace(/&quot;/g, '"').replace(/&#34;/g, '"'))
    assert.equal(data.kind, 'line')
    assert.deepEqual(data.labels, weeks.map((match) => match[2]))

    // weeks with nothing in them are there, with zeros
    const empty = twelveWeeks([], DateTime.fromISO('2026-12-30'))
    assert.lengthOf(empty, 12)
    assert.equal(empty[0].week, '2026-10-12')
    assert.equal(empty[11].week, '2026-12-28')
    assert.isTrue(empty.every((row) => row.issued === 0 && row.executed === 0 && row.executed_on_time === 0))
    const filled = twelveWeeks([{ week: '2026-11-30', issued: 4, executed: 2, executed_on_time: 1 }], DateTime.fromISO('2026-12-30'))
    assert.deepEqual(filled.find((row) => row.week === '2026-11-30'), { week: '2026-11-30', issued: 4, executed: 2, executed_on_time: 1 })
    assert.equal(filled.filter((row) => row.issued === 0).length, 11)
  })

  test('the executor picker of the Department of Control groups departments by block', async ({ assert, client }) => {
    const page = await controlPage(client, '/orders/new')
    page.assertStatus(200)
    const html = page.text()
    const start = html.indexOf('<optgroup label="Тестовый ctl_card">')
    assert.isAtLeast(start, 0)
    const group = html.slice(start, html.indexOf('</optgroup>', start))
    assert.match(group, /value="remote:ctl_card:health"\s*>Минздрав<\/option>/)
    assert.match(group, /value="remote:ctl_card:roads"\s*>Дороги<\/option>/)
    // in both pickers (responsible, co-executors), and only inside their block's group
    assert.equal(html.split('<optgroup label="Тестовый ctl_card">').length, 3)
    assert.equal(html.split('value="remote:ctl_card:health"').length, 3)
  })
})
