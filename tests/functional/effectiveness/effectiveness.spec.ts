import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { xlsxRows } from '#tests/helpers/documents'
import { BLOCK_SOURCE, ROLLUP_SOURCE, effectiveness } from '#modules/effectiveness/services/effectiveness_query'
import type Tenant from '#tenancy/tenant'
import { rollupBuilder } from '#tenancy/rollup'

let north: OrdersOffice
let south: OrdersOffice
let control: Tenant

const Q1 = { from: DateTime.fromISO('2026-01-01'), to: DateTime.fromISO('2026-03-31') }
const Q1_QUERY = 'from=2026-01-01&to=2026-03-31'

interface HandMade {
  number: string
  status: string
  responsible: { user: number } | { department: number }
  issuedAt: string
  deadline: string | null
  completedOn?: string | null
  acceptedAt?: string | null
  reports?: { at: string; status: 'submitted' | 'accepted' | 'returned' }[]
}

/** Inserts an order as it would stand after its lifecycle, with exact times (Moscow offsets). */
async function handMade(office: OrdersOffice, order: HandMade) {
  await inOffice(office, async () => {
    const db = tenantDb()
    const [row] = await db
      .table('orders')
      .insert({
        number: order.number,
        type: 'order',
        issuer_id: office.head.id,
        text: `Поручение ${order.number}`,
        status: order.status,
        deadline: order.deadline,
        issued_at: order.issuedAt,
        completed_on: order.completedOn ?? null,
        accepted_at: order.acceptedAt ?? null,
        created_at: order.issuedAt,
        updated_at: order.issuedAt,
      })
      .returning('id')
    await db.table('order_executors').insert({
      order_id: row.id,
      role: 'responsible',
      user_id: 'user' in order.responsible ? order.responsible.user : null,
      department_id: 'department' in order.responsible ? order.responsible.department : null,
      created_at: order.issuedAt,
      updated_at: order.issuedAt,
    })
    for (const report of order.reports ?? []) {
      await db.table('order_reports').insert({ order_id: row.id, author_id: office.head.id, text: 'Отчёт', status: report.status, created_at: report.at })
    }
  })
}

async function rename(office: OrdersOffice, id: number, fullName: string) {
  await inOffice(office, () => tenantDb().from('users').where('id', id).update({ full_name: fullName }))
}

function get(client: any, host: string, session: string, path: string) {
  return client.get(path).header('host', host).withCookie(SESSION_COOKIE, session)
}

test.group('Effectiveness | figures of people and departments', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('eff_control', 'control')
    north = await ordersOffice('eff_north')
    south = await ordersOffice('eff_south')
    await rename(north, north.healthExecutor.id, 'Анна Исполнитель')
    await rename(north, north.healthHead.id, 'Борис Начальник')
    await rename(north, north.roadsHead.id, 'Вера Дорожная')
    await rename(south, south.healthExecutor.id, 'Глеб Южный')
    const anna = { user: north.healthExecutor.id }
    // Q1 2026, Анна: on time (8 days), late with a returned report (15 days), accepted in the
    // evening of the last day (on time, 58 days), open past its deadline with a returned report.
    await handMade(north, { number: 'EFF-1', status: 'accepted', responsible: anna, issuedAt: '2026-01-10 10:00+03', deadline: '2026-01-20', completedOn: '2026-01-18', acceptedAt: '2026-01-19 12:00+03' })
    await handMade(north, {
      number: 'EFF-2', status: 'removed', responsible: anna, issuedAt: '2026-01-10 10:00+03', deadline: '2026-01-20', completedOn: '2026-01-25', acceptedAt: '2026-01-26 12:00+03',
      reports: [{ at: '2026-01-21 09:00+03', status: 'returned' }, { at: '2026-01-25 09:00+03', status: 'accepted' }],
    })
    await handMade(north, {
      number: 'EFF-3', status: 'accepted', responsible: anna, issuedAt: '2026-02-01 10:00+03', deadline: '2026-03-31', acceptedAt: '2026-03-31 20:00+03',
      reports: [{ at: '2026-03-30 09:00+03', status: 'accepted' }],
    })
    // Just outside Q1 in Moscow (still 31 March in UTC): late, 19 days — counts for April.
    await handMade(north, { number: 'EFF-4', status: 'accepted', responsible: anna, issuedAt: '2026-03-01 10:00+03', deadline: '2026-03-15', completedOn: '2026-03-20', acceptedAt: '2026-04-01 00:30+03' })
    // Just before Q1 in Moscow.
    await handMade(north, { number: 'EFF-5', status: 'accepted', responsible: anna, issuedAt: '2025-12-01 10:00+03', deadline: '2025-12-10', completedOn: '2025-12-30', acceptedAt: '2025-12-31 23:00+03' })
    await handMade(north, {
      number: 'EFF-6', status: 'in_progress', responsible: anna, issuedAt: '2026-01-15 10:00+03', deadline: '2026-02-15',
      reports: [{ at: '2026-02-10 09:00+03', status: 'returned' }],
    })
    // A draft is not an order yet.
    await handMade(north, { number: 'EFF-7', status: 'draft', responsible: anna, issuedAt: '2026-01-15 10:00+03', deadline: '2026-01-16' })
    // Борис (health, on time, 25 days); the health department itself (late, 11 days); Вера (roads, on time, 13 days).
    await handMade(north, { number: 'EFF-8', status: 'accepted', responsible: { user: north.healthHead.id }, issuedAt: '2026-01-05 10:00+03', deadline: '2026-01-31', completedOn: '2026-01-30', acceptedAt: '2026-02-02 12:00+03' })
    await handMade(north, { number: 'EFF-9', status: 'accepted', responsible: { department: north.departments.health.id }, issuedAt: '2026-02-01 10:00+03', deadline: '2026-02-10', completedOn: '2026-02-12', acceptedAt: '2026-02-13 12:00+03' })
    await handMade(north, { number: 'EFF-10', status: 'accepted', responsible: { user: north.roadsHead.id }, issuedAt: '2026-01-01 10:00+03', deadline: '2026-01-15', completedOn: '2026-01-14', acceptedAt: '2026-01-14 18:00+03' })
    // Another block: Глеб, late.
    await handMade(south, { number: 'EFF-S1', status: 'accepted', responsible: { user: south.healthExecutor.id }, issuedAt: '2026-01-10 10:00+03', deadline: '2026-01-12', completedOn: '2026-01-20', acceptedAt: '2026-01-21 12:00+03' })
    // the region's figures are kept per day in the rollup, refreshed every 30 s: refresh now
    await rollupBuilder.refresh()
  })

  test('exact figures for people and departments over a period, with its boundaries in Moscow time', async ({ assert }) => {
    const people = await inOffice(north, () => effectiveness(BLOCK_SOURCE, 'person', Q1))
    const anna = people.find((row) => row.person_id === north.healthExecutor.id)!
    assert.deepInclude(anna, {
      department_id: north.departments.health.id, executed: 3, on_time: 2, executed_late: 1, avg_days: 27, overdue_open: 1,
      reported: 4, returned: 2, on_time_pct: 66.7, returned_pct: 50, overdue: 2, full_name: 'Анна Исполнитель',
    })
    const boris = people.find((row) => row.person_id === north.healthHead.id)!
    assert.deepInclude(boris, { executed: 1, on_time_pct: 100, avg_days: 25, overdue: 0, reported: 0, returned_pct: null })
    // The department counts its people's orders and its own.
    const departments = await inOffice(north, () => effectiveness(BLOCK_SOURCE, 'department', Q1))
    const health = departments.find((row) => row.department_id === north.departments.health.id)!
    assert.deepInclude(health, { executed: 5, on_time: 3, on_time_pct: 60, executed_late: 2, avg_days: 23.4, overdue_open: 1, overdue: 3, reported: 4, returned: 2, department_ru: 'Минздрав' })
    const roads = departments.find((row) => row.department_id === north.departments.roads.id)!
    assert.deepInclude(roads, { executed: 1, on_time_pct: 100, avg_days: 13, overdue: 0 })

    // April holds the order accepted at 00:30 on 1 April Moscow time (late, 19 days); the open one stays overdue.
    const april = await inOffice(north, () => effectiveness(BLOCK_SOURCE, 'person', { from: DateTime.fromISO('2026-04-01'), to: DateTime.fromISO('2026-04-30') }))
    assert.deepInclude(april.find((row) => row.person_id === north.healthExecutor.id)!, { executed: 1, on_time: 0, on_time_pct: 0, avg_days: 19, overdue: 2, reported: 0 })
  })

  test('the control tenant gets the same figures for every block through the rollup', async ({ assert }) => {
    // any period, at every level: the sums of the rollup's days equal the block's own figures
    const april = { from: DateTime.fromISO('2026-04-01'), to: DateTime.fromISO('2026-04-30') }
    const oneDay = { from: DateTime.fromISO('2026-01-21'), to: DateTime.fromISO('2026-01-21') }
    const byKey = (row: { department_id: number | null; person_id: number | null }) => `${row.department_id}:${row.person_id}`
    for (const period of [Q1, april, oneDay]) {
      for (const level of ['department', 'person'] as const) {
        const local = await inOffice(north, () => effectiveness(BLOCK_SOURCE, level, period))
        const viaRollup = await inTenant(control, () => effectiveness(ROLLUP_SOURCE, level, period, { block: 'eff_north' }))
        assert.isNotEmpty(local)
        assert.deepEqual(
          viaRollup.map(({ block, ...row }) => row).sort((a, b) => byKey(a).localeCompare(byKey(b))),
          local.map(({ block, ...row }) => row).sort((a, b) => byKey(a).localeCompare(byKey(b))),
          `${level} ${period.from.toISODate()}–${period.to.toISODate()}`
        )
      }
    }
    const local = await inOffice(north, () => effectiveness(BLOCK_SOURCE, 'department', Q1))
    const viaRollup = await inTenant(control, () => effectiveness(ROLLUP_SOURCE, 'department', Q1, { block: 'eff_north' }))
    assert.deepEqual(viaRollup.map(({ block, ...row }) => row).sort((a, b) => a.department_id! - b.department_id!), local.map(({ block, ...row }) => row).sort((a, b) => a.department_id! - b.department_id!))
    const blocks = await inTenant(control, () => effectiveness(ROLLUP_SOURCE, 'block', Q1))
    assert.deepInclude(blocks.find((row) => row.block === 'eff_north')!, { executed: 6, on_time: 4, overdue: 3 })
    assert.deepInclude(blocks.find((row) => row.block === 'eff_south')!, { executed: 1, on_time: 0, on_time_pct: 0, avg_days: 10, overdue: 1 })
    await inTenant(control, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select count(*) from tenant_eff_north.orders'), /permission denied/)
    })
  })

  test('the block page: heads see every department, a department head only their people', async ({ assert, client }) => {
    const head = (await signIn(client, north.host, north.head.email)).session
    const whole = await get(client, north.host, head, `/orders/effectiveness?${Q1_QUERY}`)
    whole.assertStatus(200)
    for (const text of ['Минздрав', 'Дороги', 'Анна Исполнитель', 'Борис Начальник', 'Вера Дорожная', '66,7 %', '23,4']) whole.assertTextIncludes(text)
    assert.notInclude(whole.text(), 'Глеб Южный')
    const roadsOnly = await get(client, north.host, head, `/orders/effectiveness?${Q1_QUERY}&department=${north.departments.roads.id}`)
    roadsOnly.assertTextIncludes('Вера Дорожная')
    assert.notInclude(roadsOnly.text(), 'Анна Исполнитель')
    // A department of another block (or none at all) is not found.
    const southDepartment = await inOffice(south, () => tenantDb().from('departments').max('id as id'))
    ;(await get(client, north.host, head, `/orders/effectiveness?department=${Number(southDepartment[0].id) + 1000}`)).assertStatus(404)

    const departmentHead = (await signIn(client, north.host, north.healthHead.email)).session
    const own = await get(client, north.host, departmentHead, `/orders/effectiveness?${Q1_QUERY}`)
    own.assertStatus(200)
    own.assertTextIncludes('Анна Исполнитель')
    own.assertTextIncludes('Борис Начальник')
    assert.notInclude(own.text(), 'Вера Дорожная')
    assert.notInclude(own.text(), 'Дороги')
    ;(await get(client, north.host, departmentHead, `/orders/effectiveness?department=${north.departments.roads.id}`)).assertStatus(404)

    const executor = (await signIn(client, north.host, north.healthExecutor.email)).session
    ;(await get(client, north.host, executor, '/orders/effectiveness')).assertStatus(403)

    const southHead = (await signIn(client, south.host, south.head.email)).session
    const other = await get(client, south.host, southHead, `/orders/effectiveness?${Q1_QUERY}`)
    other.assertTextIncludes('Глеб Южный')
    assert.notInclude(other.text(), 'Анна Исполнитель')
    // The region view does not exist in a block.
    ;(await get(client, south.host, southHead, '/control/effectiveness')).assertStatus(404)
  })

  test('the default period is the current quarter; a reversed period is refused', async ({ client }) => {
    const head = (await signIn(client, north.host, north.head.email)).session
    const page = await get(client, north.host, head, '/orders/effectiveness')
    const quarter = DateTime.now().setZone('Europe/Moscow').startOf('quarter').toISODate()!
    page.assertTextIncludes(`value="${quarter}"`)
    const reversed = await get(client, north.host, head, '/orders/effectiveness?from=2026-03-01&to=2026-01-01').header('accept', 'application/json')
    reversed.assertStatus(422)
  })

  test('XLSX export of the block holds the same figures', async ({ assert, client }) => {
    const head = (await signIn(client, north.host, north.head.email)).session
    const response = await get(client, north.host, head, `/orders/effectiveness/export?${Q1_QUERY}`)
    response.assertStatus(200)
    const rows = await xlsxRows(response.body())
    assert.deepInclude(rows, ['Подразделение', 'Минздрав', '5', '60', '23.4', '50', '1', '2', '3'])
    assert.deepInclude(rows, ['Сотрудник', 'Анна Исполнитель (Минздрав)', '3', '66.7', '27', '50', '1', '1', '2'])
  })

  test('control drills block → department → person through the rollup, and exports the level shown', async ({ assert, client }) => {
    const controller = await ensureUser(control, 'controller', 'controller@eff-control.test')
    const session = (await signIn(client, hostOf(control), controller.email)).session
    const region = await get(client, hostOf(control), session, `/control/effectiveness?${Q1_QUERY}`)
    region.assertStatus(200)
    region.assertTextIncludes('Тестовый eff_north')
    region.assertTextIncludes('Тестовый eff_south')
    // the figures say how fresh they are, as the dashboard's do
    region.assertTextIncludes('Данные на')
    const block = await get(client, hostOf(control), session, `/control/effectiveness?${Q1_QUERY}&block=eff_north`)
    block.assertTextIncludes('Минздрав')
    block.assertTextIncludes('Дороги')
    const people = await get(client, hostOf(control), session, `/control/effectiveness?${Q1_QUERY}&block=eff_north&department=${north.departments.health.id}`)
    people.assertTextIncludes('Анна Исполнитель')
    assert.notInclude(people.text(), 'Вера Дорожная')
    const exported = await get(client, hostOf(control), session, `/control/effectiveness/export?${Q1_QUERY}&block=eff_north&department=${north.departments.health.id}`)
    assert.deepInclude(await xlsxRows(exported.body()), ['Сотрудник', 'Борис Начальник', '1', '100', '25', '', '0', '0', '0'])
    ;(await get(client, hostOf(control), session, `/control/effectiveness?block=eff_nowhere`)).assertStatus(404)
    ;(await get(client, hostOf(control), session, `/control/effectiveness?block=eff_north&department=999999`)).assertStatus(404)
    const executor = await ensureUser(control, 'executor', 'executor@eff-control.test')
    const executorSession = (await signIn(client, hostOf(control), executor.email)).session
    ;(await get(client, hostOf(control), executorSession, '/control/effectiveness')).assertStatus(403)
  })
})
