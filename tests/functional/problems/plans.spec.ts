import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import Municipality from '#modules/identity/models/municipality'
import RemindDepartmentsJob from '#modules/problems/jobs/remind_departments_job'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import {
  photoWithExif,
  postMultipart,
  problemsMunicipality,
  problemsPortal,
  pump,
  routeRule,
  sessionOf,
  type ProblemsMunicipality,
  type ProblemsPortal,
} from '#tests/helpers/problems'

let portal: ProblemsPortal
let town: ProblemsMunicipality
let armavir: Municipality
const all = () => [portal.tenant, town.tenant]

/** The citizen reports a dark street in Armavir; returns the problem and the municipality's case once delivered. */
async function reportAndDeliver(client: any, address: string) {
  const citizen = await sessionOf(client, portal.host, portal.citizen.email)
  const response = await postMultipart(client, portal.host, citizen, '/problems/new', '/problems', {
    themeId: String(portal.lighting.id),
    municipalityId: String(armavir.id),
    lat: '44.995000',
    lng: '41.120000',
    address,
    description: 'Не горит ни один фонарь на всей улице уже вторую неделю.',
  })
  response.assertStatus(302)
  const problemId = Number(String(response.header('location')).split('/').pop())
  await pump(all())
  const found = await inTenant(town.tenant, () => ProblemCase.query().where('origin_tenant', portal.tenant.slug).where('origin_problem_id', problemId).firstOrFail())
  return { citizen, problemId, found }
}

async function answerPlanned(client: any, caseId: number, plannedOn: DateTime) {
  const executor = await sessionOf(client, town.host, town.housingExecutor.email)
  ;(
    await postMultipart(client, town.host, executor, `/problems/inbox/${caseId}`, `/problems/inbox/${caseId}/answer`, {
      kind: 'planned',
      answer: 'Замена светильников включена в план работ.',
      plannedOn: plannedOn.toISODate()!,
      needs: 'Поставка 12 светильников',
    })
  ).assertStatus(302)
  await pump(all())
  return executor
}

function notificationsOf(userId: number, kind: string) {
  return inTenant(town.tenant, () => tenantDb().from('notifications').where('user_id', userId).where('kind', kind))
}

test.group('Problems | a planned answer stays tracked', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('ppl_portal')
    town = await problemsMunicipality('armavir')
    armavir = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'armavir'))
    await routeRule(portal, portal.lighting.id, town.tenant.slug, 'housing', armavir.id)
  })

  test('the plan’s date reminds the department once; it reports done with photos; the citizen confirms; statistics count it apart', async ({ assert, client }) => {
    const { citizen, problemId, found } = await reportAndDeliver(client, 'Армавир, ул. Темная, 1')
    const plannedOn = DateTime.now().plus({ days: 20 }).startOf('day')
    const executor = await answerPlanned(client, found.id, plannedOn)
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(problemId))).status, 'planned')

    // before the date the citizen can neither confirm nor contest
    const page = await client.get(`/problems/${problemId}`).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)
    assert.include(page.text(), 'data-plan-state="waiting"')
    assert.notInclude(page.text(), `/problems/${problemId}/confirm`)
    assert.notInclude(page.text(), `/problems/${problemId}/contest`)
    // a forged contest is refused (the error is flashed on the page)
    await submitForm(client, portal.host, citizen, `/problems/${problemId}`, `/problems/${problemId}/contest`, { reason: 'Слишком долго' })
    const untouched = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(untouched.status, 'planned')
    assert.equal(untouched.round, 1)

    // the reminder: nothing the day before, once on the date (for the department only), never again
    const run = (now: DateTime) => inTenant(town.tenant, () => new RemindDepartmentsJob().handle({ now: now.toISO()! }))
    assert.equal((await run(plannedOn.minus({ days: 1 }).plus({ hours: 10 }))).plansDue, 0)
    assert.equal((await run(plannedOn.plus({ hours: 9 }))).plansDue, 1)
    assert.equal((await run(plannedOn.plus({ hours: 10 }))).plansDue, 0)
    assert.equal((await run(plannedOn.plus({ days: 3 }))).plansDue, 0)
    assert.lengthOf(await notificationsOf(town.housingExecutor.id, 'problem.plan_due'), 1)
    assert.lengthOf(await notificationsOf(town.housingHead.id, 'problem.plan_due'), 1)
    assert.lengthOf(await notificationsOf(town.roadsHead.id, 'problem.plan_due'), 0)

    // another department cannot report it; its own reports done with a photo of the result
    const roads = await sessionOf(client, town.host, town.roadsHead.email)
    ;(await postMultipart(client, town.host, roads, '/problems/inbox', `/problems/inbox/${found.id}/done`, { report: 'Сделано' })).assertStatus(404)
    const casePage = await client.get(`/problems/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, executor)
    assert.include(casePage.text(), `action="/problems/inbox/${found.id}/done"`)
    ;(
      await postMultipart(
        client,
        town.host,
        executor,
        `/problems/inbox/${found.id}`,
        `/problems/inbox/${found.id}/done`,
        { report: 'Установлены 12 новых светодиодных светильников.' },
        [{ name: 'photos[]', buffer: await photoWithExif(900, 600), filename: 'svet.jpg' }]
      )
    ).assertStatus(302)
    // twice is refused
    ;(await postMultipart(client, town.host, executor, `/problems/inbox/${found.id}`, `/problems/inbox/${found.id}/done`, { report: 'Ещё раз' })).assertStatus(302)
    const done = await inTenant(town.tenant, () => ProblemCase.findOrFail(found.id))
    assert.equal(done.status, 'done')
    assert.equal(done.planDoneText, 'Установлены 12 новых светодиодных светильников.')
    await pump(all())

    const problem = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(problem.status, 'resolved')
    assert.equal(problem.answerKind, 'planned')
    assert.equal(problem.planDoneText, 'Установлены 12 новых светодиодных светильников.')
    const photos = await inTenant(portal.tenant, () => ProblemPhoto.query().where('problem_id', problemId).where('source', 'answer'))
    assert.lengthOf(photos, 1)
    assert.isTrue(photos[0].storageKey.startsWith(`tenants/${portal.tenant.slug}/`), 'copied into the portal’s own folder')
    const shown = await client.get(`/problems/${problemId}`).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)
    assert.include(shown.text(), 'Установлены 12 новых светодиодных светильников.')
    assert.include(shown.text(), 'alt="Фотография результата"')
    const authorNotes = await inTenant(portal.tenant, () => tenantDb().from('notifications').where('user_id', portal.citizen.id).where('kind', 'problem.plan_done'))
    assert.lengthOf(authorNotes, 1)
    ;(await submitForm(client, portal.host, citizen, `/problems/${problemId}`, `/problems/${problemId}/confirm`, {})).assertStatus(200)
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(problemId))).status, 'confirmed')

    // a problem resolved at once, for comparison
    const second = await reportAndDeliver(client, 'Армавир, ул. Светлая, 2')
    ;(await postMultipart(client, town.host, executor, `/problems/inbox/${second.found.id}`, `/problems/inbox/${second.found.id}/answer`, { kind: 'resolved', answer: 'Лампа заменена.' })).assertStatus(302)
    await pump(all())
    const stats = await client.get('/problems/stats').header('host', portal.host)
    const row = stats.text().match(new RegExp(`data-stats="body">[\\s\\S]*?<tr data-key="${town.tenant.slug}">([\\s\\S]*?)</tr>`))
    assert.exists(row)
    assert.match(row![1], /data-column="resolved-at-once">1</)
    assert.match(row![1], /data-column="planned-done">1</)
    assert.match(row![1], /data-column="planned-pending">0</)
  })

  test('after the planned date without a completion report the citizen may contest: routed again', async ({ assert, client }) => {
    const { citizen, problemId, found } = await reportAndDeliver(client, 'Армавир, ул. Забытая, 3')
    await answerPlanned(client, found.id, DateTime.now().plus({ days: 1 }))
    // the date passes (the portal's copy of the plan is a day in the past)
    await inTenant(portal.tenant, () => tenantDb().from('problems').where('id', problemId).update({ planned_on: DateTime.now().minus({ days: 1 }).toISODate() }))
    const page = await client.get(`/problems/${problemId}`).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)
    assert.include(page.text(), 'data-plan-state="overdue"')
    assert.notInclude(page.text(), `/problems/${problemId}/confirm`)
    ;(await submitForm(client, portal.host, citizen, `/problems/${problemId}`, `/problems/${problemId}/contest`, { reason: 'Срок прошёл, фонари не горят' })).assertStatus(200)
    const reopened = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(reopened.status, 'routed')
    assert.equal(reopened.round, 2)
    await pump(all())
    const again = await inTenant(town.tenant, () => ProblemCase.findOrFail(found.id))
    assert.equal(again.status, 'open')
    assert.equal(again.round, 2)
    assert.isNull(again.plannedOn)

    // a late completion report of the first round changes nothing
    const { sendFrom } = await import('#tests/helpers/bus')
    await sendFrom(town.tenant, portal.tenant.slug, 'problems.plan_completed', [{ problemId, round: 1, text: 'Поздно', completedAt: new Date().toISOString(), photos: [] }])
    await pump(all())
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(problemId))).status, 'routed')
  })
})
