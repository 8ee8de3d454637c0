import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import SnapshotMonthJob from '#modules/staffing/jobs/snapshot_month_job'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { ensureTenant, ensureUser, hostOf, inTenant, inOffice, rollupReady } from '#tests/helpers/tenants'
import { daysAgo, seedPosition, staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'

let office: StaffingOffice

test.group('Staffing | monthly trend', (group) => {
  group.setup(async () => {
    office = await staffingOffice('stf_trend')
  })

  test('the snapshot job stores one row per department and month however often it runs', async ({ assert, client }) => {
    await seedPosition(office, office.departments.health.id, { title: 'Врач', approvedFte: 10, effectiveFrom: daysAgo(200) }, [
      { status: 'filled', personName: 'Коллектив', rate: 2, since: daysAgo(200) },
      { status: 'filled', personName: 'Коллектив 2', rate: 2, since: daysAgo(200) },
      { status: 'filled', personName: 'Коллектив 3', rate: 2, since: daysAgo(200) },
      { status: 'filled', personName: 'Коллектив 4', rate: 2, since: daysAgo(200) },
    ])
    const lastMonth = DateTime.now().minus({ months: 1 }).startOf('month')
    const snapshots = await inOffice(office, async () => {
      await new SnapshotMonthJob().handle({ today: lastMonth.plus({ days: 3 }).toISODate()! })
      await new SnapshotMonthJob().handle({ today: lastMonth.plus({ days: 20 }).toISODate()! })
      return tenantDb().from('staffing_snapshots').where('month', lastMonth.toISODate()!)
    })
    assert.lengthOf(snapshots, 1)
    assert.equal(Number(snapshots[0].approved_fte), 10)
    assert.equal(Number(snapshots[0].actual_fte), 8)

    // this month is computed live: one more person since the snapshot
    await inOffice(office, async () => {
      const position = await (await import('#modules/staffing/models/staffing_position')).default.findByOrFail('title', 'Врач')
      await new (await import('#modules/staffing/actions/add_staff')).AddStaff().handle(position, { status: 'filled', personName: 'Новенький', rate: 1, since: daysAgo(1) }, null)
    })
    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get('/staffing').header('host', office.host).withCookie(SESSION_COOKIE, session)
    // months as people read them: «ноябрь 2026»
    const monthName = (month: DateTime) => month.setLocale('ru').toFormat('LLLL yyyy')
    assert.match(monthName(lastMonth), /^[а-яё]+ \d{4}$/)
    page.assertTextIncludes(`<tr><th scope="row">${monthName(lastMonth)}</th><td class="num">80 %</td></tr>`)
    page.assertTextIncludes(`<tr><th scope="row">${monthName(DateTime.now())}</th><td class="num">90 %</td></tr>`)
  })
})

test.group('Staffing | control tenant reads the blocks through the rollup', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  test('completeness by block and department, without names of people', async ({ assert, client }) => {
    const north = await staffingOffice('stf_north')
    const south = await staffingOffice('stf_south')
    await seedPosition(north, north.departments.health.id, { title: 'Министр', keyPost: 'head' }, [{ status: 'filled', personName: 'Северный Министр', since: daysAgo(20) }])
    await seedPosition(north, north.departments.roads.id, { title: 'Инженер', approvedFte: 4 }, [{ status: 'filled', personName: 'Северный Инженер', rate: 1, since: daysAgo(20) }])
    await seedPosition(south, south.departments.finance.id, { title: 'Главный бухгалтер', keyPost: 'chief_accountant' })

    const control = await ensureTenant('stf_control', 'control')
    await rollupReady()
    const head = await ensureUser(control, 'head')
    const executor = await ensureUser(control, 'executor')
    const { session } = await signIn(client, hostOf(control), head.email)
    const page = await client.get('/staffing/region').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Тестовый stf_north')
    assert.include(html, 'Тестовый stf_south')
    assert.include(html, '— Дороги</td>\n                  <td class="num">4</td>\n                  <td class="num">1</td>\n                  <td class="num">25</td>')
    assert.include(html, 'Вакантна ключевая должность: Главный бухгалтер (Главный бухгалтер)')
    for (const name of ['Северный Министр', 'Северный Инженер']) assert.notInclude(html, name)

    // the rollup has no column for names at all
    const columns = await inTenant(control, () =>
      tenantDb().rawQuery(`select column_name from information_schema.columns where table_schema = 'rollup' and table_name = 'staffing_staff'`)
    )
    assert.notInclude(columns.rows.map((row: { column_name: string }) => row.column_name), 'person_name')

    const refused = await client.get('/staffing/region').header('host', hostOf(control)).withCookie(SESSION_COOKIE, (await signIn(client, hostOf(control), executor.email)).session)
    refused.assertStatus(403)
    // blocks have no region page
    const blockHead = (await signIn(client, north.host, north.head.email)).session
    ;(await client.get('/staffing/region').header('host', north.host).withCookie(SESSION_COOKIE, blockHead)).assertStatus(404)
  })
    // three new tenants each rebuild the rollup over every block the suite created before
    .timeout(120_000)
})
