import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { rollupBuilder } from '#tenancy/rollup'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantDb } from '#tenancy/tenant_model'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

let north: OrdersOffice
let south: OrdersOffice
let control: Tenant

async function issue(office: OrdersOffice, text: string, deadline: DateTime, extra: Record<string, unknown> = {}) {
  return inOffice(office, async () => {
    const order = await new CreateOrder().handle(
      { type: 'order', text, deadlineKeyword: 'date', deadline: deadline.toJSDate(), responsible: `department:${office.departments.health.id}`, ...extra },
      office.head
    )
    return new IssueOrder().handle(order, office.head)
  })
}

async function controlHead(client: any) {
  const head = await ensureUser(control, 'head', 'head@ctl-control.test')
  return (await signIn(client, hostOf(control), head.email)).session
}

function page(client: any, session: string, path: string) {
  return client.get(path).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
}

test.group('Control | rollup of the blocks', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('ctl_control', 'control')
    north = await ordersOffice('ctl_north')
    south = await ordersOffice('ctl_south')
  })

  test('region → block → department → order, with figures from the refreshed aggregates', async ({ assert, client }) => {
    const late = await issue(north, 'Отремонтировать кровлю больницы № 2', DateTime.now().minus({ days: 5 }))
    const secret = await issue(north, 'Секретное поручение о закупке', DateTime.now().plus({ days: 20 }), { privacy: 'restricted', specialControl: true })
    const soon = await issue(south, 'Открыть фельдшерский пункт', DateTime.now().plus({ days: 2 }))
    // "at risk" counts calendar days, but the calendar moves a deadline on a day off back to a working
    // day (on 31 December, to before today): set the date itself so the test holds on any day
    await inOffice(south, () => tenantDb().from('orders').where('id', soon.id).update({ deadline: DateTime.now().plus({ days: 2 }).toISODate() }))
    await rollupBuilder.refresh()
    const session = await controlHead(client)

    const region = await page(client, session, '/control')
    region.assertStatus(200)
    region.assertTextIncludes('Поручения в регионе')
    region.assertTextIncludes('Данные на')
    region.assertTextIncludes('Тестовый ctl_north')
    region.assertTextIncludes('Тестовый ctl_south')

    const block = await page(client, session, '/control/blocks/ctl_north')
    block.assertStatus(200)
    block.assertTextIncludes('Минздрав')

    const department = await page(client, session, `/control/blocks/ctl_north/departments/${north.departments.health.id}?overdue=true`)
    department.assertStatus(200)
    department.assertTextIncludes(late.number)
    assert.notInclude(department.text(), secret.number)

    const card = await page(client, session, `/control/blocks/ctl_north/orders/${secret.id}`)
    card.assertStatus(200)
    card.assertTextIncludes('Текст ограниченного доступа скрыт')
    assert.notInclude(card.text(), 'Секретное поручение')
    card.assertTextIncludes('Минздрав')

    const overdue = await page(client, session, '/control/overdue')
    overdue.assertTextIncludes(late.number)
    const atRisk = await page(client, session, '/control/at-risk')
    atRisk.assertTextIncludes('Открыть фельдшерский пункт')

    const missing = await page(client, session, '/control/blocks/ctl_north/orders/999999')
    missing.assertStatus(404)
  })

  test('the control tenant reads only the rollup; blocks cannot read the rollup or each other', async ({ assert }) => {
    await inTenant(control, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select count(*) from tenant_ctl_north.orders'), /permission denied/)
      const columns = await tenantDb().rawQuery(`select column_name from information_schema.columns where table_schema = 'rollup' and table_name = 'staff'`)
      assert.notInclude(columns.rows.map((row: { column_name: string }) => row.column_name), 'email')
      const counted = await tenantDb().rawQuery(`select count(*)::int as total from rollup.orders where block = 'ctl_north'`)
      assert.isAbove(counted.rows[0].total, 0)
    })
    await inTenant(north.tenant, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select count(*) from rollup.orders'), /permission denied/)
      await assert.rejects(() => tenantDb().rawQuery('select count(*) from tenant_ctl_south.orders'), /permission denied/)
    })
  })

  test('block users and other kinds of tenant get no control pages; executors of control neither', async ({ client }) => {
    const { session } = await signIn(client, north.host, north.head.email)
    const fromBlock = await client.get('/control').header('host', north.host).withCookie(SESSION_COOKIE, session)
    fromBlock.assertStatus(404)
    const executor = await ensureUser(control, 'executor', 'executor@ctl-control.test')
    const executorSession = (await signIn(client, hostOf(control), executor.email)).session
    ;(await page(client, executorSession, '/control')).assertStatus(403)
  })

  test('creating a block adds it to the rollup; dropping one removes it first, so the drop succeeds', async ({ assert }) => {
    const viewText = async () => (await db.rawQuery(`select pg_get_viewdef('rollup.orders') as sql`)).rows[0].sql as string
    // the provisioner itself (the test helper's ensureTenant leaves the rebuild to rollupReady)
    const added = await tenantProvisioner.create({ slug: 'ctl_east', kind: 'block', nameRu: 'Восток', nameEn: 'East' })
    assert.include(await viewText(), 'tenant_ctl_east')
    await tenantProvisioner.drop(added)
    assert.notInclude(await viewText(), 'tenant_ctl_east')
    assert.include(await viewText(), 'tenant_ctl_north')
    const figures = await db.rawQuery(`select count(*)::int as total from rollup.order_stats where block = 'ctl_east'`)
    assert.equal(figures.rows[0].total, 0)
  })

  test('a body created without a rebuild is taken in by the next refresh, and only once', async ({ assert }) => {
    const viewText = async () => (await db.rawQuery(`select pg_get_viewdef('rollup.orders') as sql`)).rows[0].sql as string
    await rollupBuilder.rebuildIfStale()
    const added = await tenantProvisioner.create({ slug: 'ctl_west', kind: 'block', nameRu: 'Запад', nameEn: 'West' }, { rebuildRollup: false })
    assert.notInclude(await viewText(), 'tenant_ctl_west')
    await rollupBuilder.refresh()
    assert.include(await viewText(), 'tenant_ctl_west')
    assert.isFalse(await rollupBuilder.rebuildIfStale())
    await tenantProvisioner.drop(added)
    assert.notInclude(await viewText(), 'tenant_ctl_west')
    assert.isFalse(await rollupBuilder.rebuildIfStale())
  })

  test('migrating rebuilds the rollup, and the figures say how fresh they are', async ({ assert, client }) => {
    await tenantProvisioner.migrate(north.tenant)
    const present = await db.rawQuery(`select to_regclass('rollup.order_stats') is not null as ready`)
    assert.isTrue(present.rows[0].ready)
    const refreshed = await rollupBuilder.refresh()
    assert.includeMembers(refreshed, ['order_stats', 'order_weeks', 'effectiveness_days'])
    // the schedule renews the dashboard's figures on every run, effectiveness by day only every 5 minutes
    const scheduled = await rollupBuilder.refresh({ dueOnly: true })
    assert.includeMembers(scheduled, ['order_stats', 'order_weeks'])
    assert.notInclude(scheduled, 'effectiveness_days')
    assert.notInclude(scheduled, 'effectiveness_overdue')
    await db.rawQuery(`update rollup.freshness set refreshed_at = now() - interval '301 seconds' where name = 'effectiveness_days'`)
    assert.include(await rollupBuilder.refresh({ dueOnly: true }), 'effectiveness_days')
    const session = await controlHead(client)
    const region = await page(client, session, '/control')
    region.assertTextIncludes('Данные на')
  })
})
