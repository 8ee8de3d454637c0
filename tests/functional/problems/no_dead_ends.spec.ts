import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import Municipality from '#modules/identity/models/municipality'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import {
  postMultipart,
  problemsMunicipality,
  problemsPortal,
  publishDirectoryOf,
  pump,
  routeRule,
  sessionOf,
  type ProblemsMunicipality,
  type ProblemsPortal,
} from '#tests/helpers/problems'

let portal: ProblemsPortal
let town: ProblemsMunicipality
let klyuch: Municipality

/** A lighting problem in Goryachy Klyuch, routed by the rule to the town's social policy department, where nobody works. */
function reportInKlyuch(address: string) {
  return inTenant(portal.tenant, async () =>
    new ReportProblem().handle(
      {
        themeId: portal.lighting.id,
        municipalityId: klyuch.id,
        lat: 44.6344,
        lng: 39.1359,
        address,
        description: 'Третью неделю не горят фонари вдоль всей улицы, вечером идти страшно.',
      },
      await User.findOrFail(portal.citizen.id)
    )
  )
}

function caseOf(problemId: number) {
  return inTenant(town.tenant, () => ProblemCase.query().where('origin_problem_id', problemId).where('origin_tenant', portal.tenant.slug).firstOrFail())
}

const page = (client: any, path: string, locale = 'ru') => client.get(path).header('host', portal.host).header('x-locale', locale)

test.group('Problems | no dead ends: receipt over the bus, the head answers or hands on', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pnd_portal')
    town = await problemsMunicipality('goryachy_klyuch')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
    klyuch = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'goryachy-klyuch'))
    await routeRule(portal, portal.lighting.id, town.tenant.slug, 'social-policy', klyuch.id)
  })

  test('the portal shows "sending to the department…" until the body confirms receipt over the bus, then the time it was received', async ({ assert, client }) => {
    const problem = await reportInKlyuch('Горячий Ключ, ул. Ленина, 10')
    assert.equal(problem.status, 'routed')
    const before = await page(client, `/problems/${problem.id}`)
    before.assertStatus(200)
    assert.include(before.text(), 'data-receipt="sending"')
    assert.include(before.text(), 'Передаётся в ведомство…')
    assert.isNull((await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))).receivedAt)

    await pump([portal.tenant, town.tenant])
    const found = await caseOf(problem.id)
    const received = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(received.receivedAt?.toMillis(), found.receivedAt.toMillis(), 'the body’s own time of receipt')
    // it came over the bus: the portal's inbox holds the body's acknowledgement (the portal never reads the body's schema)
    const acks = await inTenant(portal.tenant, () => tenantDb().from('bus_inbox').where('type', 'problems.received').where('source_tenant', town.tenant.slug))
    assert.lengthOf(acks, 1)
    assert.equal(acks[0].payload.problemId, problem.id)

    const after = await page(client, `/problems/${problem.id}`)
    assert.notInclude(after.text(), 'Передаётся в ведомство…')
    assert.include(after.text(), `data-receipt="received"><time datetime="${received.receivedAt!.toISO()}"`)
    assert.include(after.text(), 'получило сообщение')
  })

  test('a department nobody works in: the head is told and may answer; other departments may not; the routing page warns', async ({ assert, client }) => {
    const problem = await reportInKlyuch('Горячий Ключ, ул. Ленина, 12')
    await pump([portal.tenant, town.tenant])
    const found = await caseOf(problem.id)
    assert.equal(found.departmentId, town.departments['social-policy'].id)
    const told = await inTenant(town.tenant, () => tenantDb().from('notifications').where('user_id', town.head.id).where('kind', 'problem.routed'))
    assert.isAtLeast(told.length, 1, 'the head hears of a problem nobody else would')

    const head = await sessionOf(client, town.host, town.head.email)
    const view = await client.get(`/problems/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, head)
    view.assertStatus(200)
    assert.include(view.text(), 'data-unstaffed')
    assert.include(view.text(), `action="/problems/inbox/${found.id}/answer"`)
    assert.include(view.text(), `action="/problems/inbox/${found.id}/reassign"`)

    // the housing head works elsewhere: cannot answer social policy's case
    const housing = await sessionOf(client, town.host, town.housingHead.email)
    ;(await client.get(`/problems/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, housing)).assertStatus(404)

    const answered = await postMultipart(client, town.host, head, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/answer`, {
      kind: 'resolved',
      answer: 'Фонари на улице Ленина заменены подрядчиком администрации.',
    })
    answered.assertStatus(302)
    await pump([portal.tenant, town.tenant])
    const published = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(published.status, 'resolved')
    assert.equal(published.answerText, 'Фонари на улице Ленина заменены подрядчиком администрации.')

    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const routing = await page(client, '/problems/admin/routing').withCookie(SESSION_COOKIE, admin)
    routing.assertStatus(200)
    const warning = /<div class="alert alert--error" role="alert" data-routing-warning>([\s\S]*?)<\/div>/.exec(routing.text())
    assert.exists(warning, 'the routing page warns')
    assert.include(warning![1], 'некому принять')
    assert.include(warning![1], 'нет сотрудников')
  })

  test('the head hands a case to a staffed department (not to an empty one); the portal learns the new department over the bus, in both languages', async ({ assert, client }) => {
    const problem = await reportInKlyuch('Горячий Ключ, ул. Ленина, 14')
    await pump([portal.tenant, town.tenant])
    const found = await caseOf(problem.id)
    const head = await sessionOf(client, town.host, town.head.email)

    const refused = await postMultipart(client, town.host, head, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/reassign`, {
      departmentId: String(town.departments['social-policy'].id),
    })
    assert.equal(refused.status(), 302)
    assert.equal((await caseOf(problem.id)).departmentId, town.departments['social-policy'].id, 'not to a department nobody works in')
    // a department head may not hand cases on
    const housing = await sessionOf(client, town.host, town.housingHead.email)
    const forbidden = await postMultipart(client, town.host, housing, '/problems/inbox', `/problems/inbox/${found.id}/reassign`, {
      departmentId: String(town.departments.housing.id),
    })
    assert.include([403, 404], forbidden.status())

    const moved = await postMultipart(client, town.host, head, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/reassign`, {
      departmentId: String(town.departments.housing.id),
    })
    moved.assertStatus(302)
    assert.equal((await caseOf(problem.id)).departmentId, town.departments.housing.id)
    const told = await inTenant(town.tenant, () => tenantDb().from('notifications').where('user_id', town.housingExecutor.id).where('kind', 'problem.routed'))
    assert.isAtLeast(told.length, 1)

    await pump([portal.tenant, town.tenant])
    const portalCopy = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(portalCopy.routedDepartmentCode, 'housing')
    assert.equal(portalCopy.routedDepartmentName, `Управление ЖКХ (Тестовый ${town.tenant.slug})`)
    assert.equal(portalCopy.routedDepartmentNameEn, `Housing and Utilities (Test ${town.tenant.slug})`)
    const ru = await page(client, `/problems/${problem.id}`)
    assert.include(ru.text(), `Сообщение передано в «Управление ЖКХ (Тестовый ${town.tenant.slug})»`)
    const en = await page(client, `/problems/${problem.id}`, 'en')
    assert.include(en.text(), `<dd data-department>Housing and Utilities (Test ${town.tenant.slug})</dd>`)
    assert.include(en.text(), `Handed over to “Housing and Utilities (Test ${town.tenant.slug})”`)
    assert.notInclude(en.text(), 'Управление ЖКХ')

    // the housing executor now answers it as their own
    const executor = await sessionOf(client, town.host, town.housingExecutor.email)
    ;(
      await postMultipart(client, town.host, executor, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/answer`, {
        kind: 'planned',
        answer: 'Замена фонарей включена в план ремонта.',
        plannedOn: '2099-03-01',
      })
    ).assertStatus(302)
  })

  test('the public timeline speaks in sentences: no raw routing reasons, English department names on English pages', async ({ assert, client }) => {
    const problem = await reportInKlyuch('Горячий Ключ, ул. Ленина, 16')
    await pump([portal.tenant, town.tenant])
    const ru = await page(client, `/problems/${problem.id}`)
    const timeline = (html: string) => /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(html)![1]
    const ruTimeline = timeline(ru.text())
    assert.include(ruTimeline, 'Житель сообщил о проблеме')
    assert.include(ruTimeline, 'Сообщение направлено в «Орган social-policy')
    assert.include(ruTimeline, 'ответ ожидается до')
    for (const raw of ['>rule<', ' rule', 'reopened', '>admin<']) assert.notInclude(ruTimeline, raw)
    const en = await page(client, `/problems/${problem.id}`, 'en')
    const enTimeline = timeline(en.text())
    assert.include(enTimeline, 'A resident reported the problem')
    assert.include(enTimeline, `Sent to “Social Policy (Test ${town.tenant.slug})”; an answer is due by`)
    assert.include(enTimeline, `“Social Policy (Test ${town.tenant.slug})” received it on`)
    assert.notMatch(enTimeline, /[А-Яа-яЁё]/, 'nothing Russian on the English timeline')
  })
})
