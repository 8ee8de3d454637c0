import { xlsxRows } from '#tests/helpers/documents'
import { test } from '@japa/runner'
import StaffingStaff from '#modules/staffing/models/staffing_staff'
import type StaffingPosition from '#modules/staffing/models/staffing_position'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { daysAgo, seedPosition, staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'
import { inOffice } from '#tests/helpers/tenants'

let alpha: StaffingOffice
let beta: StaffingOffice

test.group('Staffing | tenant isolation and who sees what', (group) => {
  group.setup(async () => {
    alpha = await staffingOffice('stf_iso_a')
    beta = await staffingOffice('stf_iso_b')
    await seedPosition(alpha, alpha.departments.health.id, { title: 'Хирург альфы' }, [{ status: 'filled', personName: 'Альфа Врач', since: daysAgo(10) }])
    await seedPosition(alpha, alpha.departments.roads.id, { title: 'Дорожный мастер альфы' })
    await seedPosition(beta, beta.departments.health.id, { title: 'Терапевт беты', approvedFte: 7 }, [{ status: 'filled', personName: 'Бета Врач', since: daysAgo(10) }])
  })

  test("another tenant's positions, staff and departments are 404; nothing of B shows in A", async ({ assert, client }) => {
    // ids that exist in B and not in A: B gets more rows than A has
    const alphaMax = await inOffice(alpha, async () => ({
      position: Number((await tenantDb().from('staffing_positions').max('id as top').first()).top ?? 0),
      staff: Number((await tenantDb().from('staffing_staff').max('id as top').first()).top ?? 0),
    }))
    let betaPosition: StaffingPosition
    let betaStaff: StaffingStaff
    let round = 0
    do {
      betaPosition = await seedPosition(beta, beta.departments.finance.id, { title: `Только в бете ${round}` }, [{ status: 'filled', personName: `Бета Кассир ${round}`, since: daysAgo(5) }])
      betaStaff = await inOffice(beta, () => StaffingStaff.query().where('position_id', betaPosition.id).firstOrFail())
      round++
    } while (betaPosition.id <= alphaMax.position || betaStaff.id <= alphaMax.staff)
    const { session } = await signIn(client, alpha.host, alpha.head.email)
    const get = (path: string) => client.get(path).header('host', alpha.host).withCookie(SESSION_COOKIE, session)
    // ids of B that are not ids in A
    ;(await get(`/staffing/positions/${betaPosition.id}`)).assertStatus(404)
    ;(await get(`/staffing/departments/999999`)).assertStatus(404)
    const endForeign = await submitForm(client, alpha.host, session, '/staffing', `/staffing/staff/${betaStaff.id}/end`, { endedOn: '2026-01-01' })
    endForeign.assertStatus(404)
    await inOffice(beta, () => betaStaff.refresh())
    assert.isNull(betaStaff.endedOn)

    for (const path of ['/staffing', '/staffing/public', '/staffing/public.json', '/staffing/public.csv', '/staffing/export/positions.xlsx']) {
      const response = await get(path)
      response.assertStatus(200)
      // the XLSX is a zip: compare its cells, not its bytes
      const content = path.endsWith('.xlsx') ? (await xlsxRows(response.body())).flat().join('\n') : response.text()
      assert.isNotEmpty(content)
      for (const text of ['Терапевт беты', 'Бета Врач', 'Только в бете', 'Бета Кассир']) assert.notInclude(content, text)
    }
    const dashboard = await get('/staffing')
    dashboard.assertTextIncludes('Минздрав')
    const health = await get(`/staffing/departments/${alpha.departments.health.id}`)
    health.assertTextIncludes('Хирург альфы')
    assert.notInclude(health.text(), 'Терапевт беты')
  })

  test('department staff see only their department; others are 404; only managers change', async ({ assert, client }) => {
    const { session } = await signIn(client, alpha.host, alpha.healthExecutor.email)
    const get = (path: string) => client.get(path).header('host', alpha.host).withCookie(SESSION_COOKIE, session)
    const dashboard = await get('/staffing')
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('Минздрав')
    assert.notInclude(dashboard.text(), 'Дороги')
    ;(await get(`/staffing/departments/${alpha.departments.health.id}`)).assertStatus(200)
    ;(await get(`/staffing/departments/${alpha.departments.roads.id}`)).assertStatus(404)
    const xlsx = await get('/staffing/export/positions.xlsx')
    const cells = (await xlsxRows(xlsx.body())).flat()
    assert.include(cells.join('\n'), 'Хирург альфы')
    assert.notInclude(cells.join('\n'), 'Дорожный мастер альфы')

    // an executor sees but does not change
    const added = await submitForm(client, alpha.host, session, `/staffing/departments/${alpha.departments.health.id}`, `/staffing/departments/${alpha.departments.health.id}/positions`, {
      title: 'Лишняя должность', approvedFte: '1', effectiveFrom: '2026-01-01',
    })
    added.assertStatus(403)

    // a department head changes their own department, not another
    const roadsHead = (await signIn(client, alpha.host, alpha.roadsHead.email)).session
    const foreign = await submitForm(client, alpha.host, roadsHead, `/staffing/departments/${alpha.departments.roads.id}`, `/staffing/departments/${alpha.departments.health.id}/positions`, {
      title: 'Чужая должность', approvedFte: '1', effectiveFrom: '2026-01-01',
    })
    foreign.assertStatus(404)
    const own = await submitForm(client, alpha.host, roadsHead, `/staffing/departments/${alpha.departments.roads.id}`, `/staffing/departments/${alpha.departments.roads.id}/positions`, {
      title: 'Инженер-сметчик', approvedFte: '1', effectiveFrom: '2026-01-01',
    })
    own.assertTextIncludes('Должность сохранена.')
  })

  test('signed-out visitors are sent to sign in, except for the published structure', async ({ client }) => {
    const dashboard = await client.get('/staffing').header('host', alpha.host).redirects(0)
    dashboard.assertStatus(302)
    const published = await client.get('/staffing/public').header('host', alpha.host)
    published.assertStatus(200)
  })
})
