import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { seedDefaultRoutingRules } from '#modules/problems/services/default_rules'
import { loadCatalog } from '#tenants/catalog'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import {
  postMultipart,
  problemsMunicipality,
  problemsPortal,
  publishDirectoryOf,
  pump,
  sessionOf,
  type ProblemsMunicipality,
  type ProblemsPortal,
} from '#tests/helpers/problems'

let portal: ProblemsPortal
let town: ProblemsMunicipality

test.group('Problems | routing to municipalities | default rules of the demo region', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pmr_defaults')
  })

  test('local themes go to each municipality’s own administration, regional themes to blocks; admins’ rules stay', async ({ assert }) => {
    const catalog = await loadCatalog()
    const mine = await inTenant(portal.tenant, async () => {
      const yards = await ProblemTheme.findByOrFail('code', 'yards')
      return RoutingRule.create({ themeId: yards.id, municipalityId: portal.sochi.id, targetTenant: 'resorts', targetDepartmentCode: 'resorts', targetDepartmentName: 'Министерство курортов' })
    })
    await inTenant(portal.tenant, () => seedDefaultRoutingRules(catalog))
    await inTenant(portal.tenant, () => seedDefaultRoutingRules(catalog)) // idempotent

    const rules = await inTenant(portal.tenant, () => RoutingRule.query().preload('theme').preload('municipality'))
    const target = (theme: string, municipality: string | null) => {
      const rule = rules.find((entry) => entry.theme.code === theme && (entry.municipality?.code ?? null) === municipality)
      return rule ? `${rule.targetTenant}/${rule.targetDepartmentCode}` : null
    }
    // the new regional themes exist (a tenant migration adds them) and go to blocks everywhere
    assert.equal(target('regional_roads', null), 'construction/transport')
    assert.equal(target('healthcare', null), 'social/health')
    assert.equal(target('intercity_transport', null), 'construction/transport')
    assert.isNull(target('healthcare', 'sochi'), 'no municipal rule for a regional theme')
    // local themes: the municipality's administration (slug = its code with - as _)
    assert.equal(target('lighting', 'sochi'), 'sochi/housing')
    assert.equal(target('roads', 'sochi'), 'sochi/roads')
    assert.equal(target('waste', 'krasnodar'), 'krasnodar/housing')
    assert.equal(target('playgrounds', 'novorossiysk'), 'novorossiysk/housing')
    const dashed = catalog.municipalities.find((entry) => entry.code.includes('-'))
    if (dashed) assert.equal(target('lighting', dashed.code), `${dashed.code.replace(/-/g, '_')}/housing`)
    // the admin's rule is kept
    assert.equal(target('yards', 'sochi'), 'resorts/resorts')
    assert.equal((await inTenant(portal.tenant, () => RoutingRule.findOrFail(mine.id))).targetDepartmentName, 'Министерство курортов')
    // one rule per local theme and municipality, no duplicates
    const municipal = rules.filter((rule) => rule.municipalityId !== null)
    assert.equal(municipal.length, catalog.municipalities.length * 6)
    const sochiLighting = rules.find((rule) => rule.theme.code === 'lighting' && rule.municipality?.code === 'sochi')!
    assert.equal(sochiLighting.targetDepartmentName, 'Управление ЖКХ (Администрация МО город-курорт Сочи)')
    // a municipality without a rule of its own falls back to the theme's default (a block)
    assert.equal(target('lighting', null), 'construction/housing')
  })
})

test.group('Problems | routing to municipalities | a municipality answers like a block', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pmr_portal')
    town = await problemsMunicipality('gelendzhik')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
  })

  test('a yard in Gelendzhik → the administration’s housing department answers in its own inbox → published; statistics show the municipality’s own reaction', async ({ assert, client }) => {
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const yards = await inTenant(portal.tenant, () => ProblemTheme.findByOrFail('code', 'yards'))
    const gelendzhik = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'gelendzhik'))
    ;(
      await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', {
        themeId: String(yards.id),
        municipalityId: String(gelendzhik.id),
        target: `${town.tenant.slug}/housing`,
      })
    ).assertStatus(200)

    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const reported = await postMultipart(client, portal.host, citizen, '/problems/new', '/problems', {
      themeId: String(yards.id),
      municipalityId: String(gelendzhik.id),
      lat: '44.561400',
      lng: '38.076800',
      address: 'Геленджик, ул. Горького, 9, двор',
      description: 'Во дворе разбит асфальт и не работает ни один фонарь, вечером темно.',
    })
    reported.assertStatus(302)
    const problemId = Number(String(reported.header('location')).split('/').pop())
    const problem = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(problem.routedTenant, town.tenant.slug)
    assert.equal(problem.routedDepartmentCode, 'housing')

    await pump([portal.tenant, town.tenant])
    const found = await inTenant(town.tenant, () => ProblemCase.query().where('origin_problem_id', problemId).where('origin_tenant', portal.tenant.slug).firstOrFail())
    assert.equal(found.departmentId, town.departments.housing.id)
    assert.equal(found.municipalityCode, 'gelendzhik')

    // the municipality's housing department sees it, its roads department does not
    const executor = await sessionOf(client, town.host, town.housingExecutor.email)
    const inbox = await client.get('/problems/inbox').header('host', town.host).withCookie(SESSION_COOKIE, executor)
    inbox.assertStatus(200)
    assert.include(inbox.text(), 'ул. Горького, 9')
    const roads = await sessionOf(client, town.host, town.roadsHead.email)
    ;(await client.get(`/problems/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, roads)).assertStatus(404)
    const notified = await inTenant(town.tenant, () => tenantDb().from('notifications').where('user_id', town.housingExecutor.id).where('kind', 'problem.routed'))
    assert.lengthOf(notified, 1)

    ;(
      await postMultipart(client, town.host, executor, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/answer`, {
        kind: 'resolved',
        answer: 'Асфальт во дворе переложен, фонари заменены.',
      })
    ).assertStatus(302)
    await pump([portal.tenant, town.tenant])

    const page = await client.get(`/problems/${problemId}`).header('host', portal.host)
    assert.include(page.text(), 'Асфальт во дворе переложен, фонари заменены.')
    assert.include(page.text(), `Управление ЖКХ (Тестовый ${town.tenant.slug})`)
    const published = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(published.status, 'resolved')
    assert.isTrue(published.answeredInTime)

    // the statistics per body list the municipality's administration with its own reaction
    const stats = await client.get('/problems/stats').header('host', portal.host)
    stats.assertStatus(200)
    const row = stats.text().match(new RegExp(`<table class="table--stack" data-stats="body">[\\s\\S]*?<tr data-key="${town.tenant.slug}">([\\s\\S]*?)</tr>`))
    assert.exists(row, 'a row for the municipality among the bodies')
    assert.include(row![1], `Тестовый ${town.tenant.slug}`)
    assert.include(row![1], '(муниципальное образование)')
    assert.include(row![1], '100 %')
    assert.match(row![1], /data-column="resolved-at-once">1</)
  })

  test('a municipality answers “not ours” for a department it does not have, as a block does', async ({ assert }) => {
    const municipality = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'gelendzhik'))
    const { sendFrom } = await import('#tests/helpers/bus')
    const problem = await inTenant(portal.tenant, () => Problem.query().where('routed_tenant', town.tenant.slug).firstOrFail())
    await sendFrom(portal.tenant, town.tenant.slug, 'problems.routed', [
      {
        problemId: problem.id + 100000,
        round: 1,
        department: 'no-such',
        theme: { code: 'yards', nameRu: 'Дворы', nameEn: 'Yards' },
        municipality: { code: municipality.code, nameRu: municipality.nameRu },
        text: 'x',
        address: 'x',
        location: { lat: 43.58, lng: 39.72 },
        respondBy: new Date().toISOString(),
        author: { displayName: 'x' },
        photos: [],
      },
    ])
    await pump([portal.tenant, town.tenant])
    const replies = await inTenant(town.tenant, () => tenantDb().from('bus_outbox').where('type', 'problems.answered').whereRaw(`payload->>'kind' = 'not_ours'`))
    assert.lengthOf(replies, 1)
  })

  test('routing by hand: a municipality’s administration takes problems of its own territory only', async ({ assert, client }) => {
    const healthcare = await inTenant(portal.tenant, () => ProblemTheme.findByOrFail('code', 'healthcare'))
    const gelendzhik = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'gelendzhik'))
    const report = (municipalityId: number, address: string) =>
      inTenant(portal.tenant, async () =>
        new ReportProblem().handle(
          { themeId: healthcare.id, municipalityId, lat: 44.56, lng: 38.07, address, description: 'Во дворе поликлиники нет освещения и скамеек.' },
          await User.findOrFail(portal.citizen.id)
        )
      )
    const inSochi = await report(portal.sochi.id, 'Сочи, ул. Победы, 1')
    const inGelendzhik = await report(gelendzhik.id, 'Геленджик, ул. Луначарского, 2')
    assert.equal(inSochi.status, 'awaiting_routing', 'no rule for healthcare in this portal')

    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const refused = await submitForm(client, portal.host, admin, '/problems/admin/routing', `/problems/${inSochi.id}/route`, { target: `${town.tenant.slug}/housing` })
    assert.include(refused.text(), 'Администрация муниципального образования отвечает только за свою территорию')
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(inSochi.id))).status, 'awaiting_routing')
    ;(await submitForm(client, portal.host, admin, '/problems/admin/routing', `/problems/${inGelendzhik.id}/route`, { target: `${town.tenant.slug}/housing` })).assertStatus(200)
    const routed = await inTenant(portal.tenant, () => Problem.findOrFail(inGelendzhik.id))
    assert.equal(routed.routedTenant, town.tenant.slug)
  })
})
