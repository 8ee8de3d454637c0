import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemCasePhoto from '#modules/problems/models/problem_case_photo'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import {
  photoWithExif,
  postMultipart,
  problemsBlock,
  problemsPortal,
  publishDirectoryOf,
  pump,
  routeRule,
  sessionOf,
  type ProblemsBlock,
  type ProblemsPortal,
} from '#tests/helpers/problems'

let portal: ProblemsPortal
let block: ProblemsBlock
let stranger: ProblemsBlock

const all = () => [portal.tenant, block.tenant, stranger.tenant]

async function report(client: any, session: string, fields: Record<string, string> = {}, withPhoto = true) {
  const response = await postMultipart(
    client,
    portal.host,
    session,
    '/problems/new',
    '/problems',
    {
      themeId: String(portal.roads.id),
      municipalityId: String(portal.krasnodar.id),
      lat: '45.035500',
      lng: '38.975300',
      address: 'Краснодар, ул. Красная, 10',
      description: 'Глубокая яма на проезжей части у остановки, машины объезжают по встречной.',
      ...fields,
    },
    withPhoto ? [{ name: 'photos[]', buffer: await photoWithExif(), filename: 'yama.jpg' }] : []
  )
  response.assertStatus(302)
  const id = Number(String(response.header('location')).split('/').pop())
  return inTenant(portal.tenant, () => Problem.findOrFail(id))
}

function caseOf(tenant: ProblemsBlock, problemId: number) {
  return inTenant(tenant.tenant, () =>
    ProblemCase.query().where('origin_tenant', portal.tenant.slug).where('origin_problem_id', problemId).first()
  )
}

test.group('Problems | journey across the portal and a block', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pj_portal')
    block = await problemsBlock('pj_block')
    stranger = await problemsBlock('pj_stranger')
  })

  test('report → route → answer → publish → contest → reopen → answer again → confirm', async ({ assert, client }) => {
    // The block publishes its departments; the portal admin picks one of them for the theme's default rule.
    await publishDirectoryOf(block)
    await pump(all())
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const saved = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', {
      themeId: String(portal.roads.id),
      target: `${block.tenant.slug}/roads`,
    })
    saved.assertStatus(200)
    assert.include(saved.text(), 'Министерство транспорта и дорог')

    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const problem = await report(client, citizen)
    assert.equal(problem.status, 'routed')
    assert.equal(problem.routedTenant, block.tenant.slug)
    assert.isNotNull(problem.ruleId)
    assert.equal(Math.round(problem.deadline!.diff(problem.routedAt!, 'days').days), 10)

    await pump(all())
    const routed = await caseOf(block, problem.id)
    assert.exists(routed)
    assert.equal(routed!.departmentId, block.departments.roads.id)
    assert.equal(routed!.round, 1)
    assert.isNull(routed!.authorEmail, 'the e-mail stays in the portal unless the citizen allowed it')
    const casePhotos = await inTenant(block.tenant, () => ProblemCasePhoto.query().where('case_id', routed!.id))
    assert.lengthOf(casePhotos, 1)
    assert.isTrue(casePhotos[0].storageKey.startsWith(`tenants/${block.tenant.slug}/`))
    assert.isNull(await caseOf(stranger, problem.id), 'another block receives nothing')

    // The roads department sees it in its queue, other departments and blocks do not.
    const roadsHead = await sessionOf(client, block.host, block.roadsHead.email)
    const inbox = await client.get('/problems/inbox').header('host', block.host).withCookie(SESSION_COOKIE, roadsHead)
    inbox.assertStatus(200)
    assert.include(inbox.text(), 'ул. Красная, 10')
    assert.notInclude(inbox.text(), portal.citizen.email)
    const lightingHead = await sessionOf(client, block.host, block.lightingHead.email)
    const other = await client.get('/problems/inbox').header('host', block.host).withCookie(SESSION_COOKIE, lightingHead)
    assert.notInclude(other.text(), 'ул. Красная, 10')
    ;(await client.get(`/problems/inbox/${routed!.id}`).header('host', block.host).withCookie(SESSION_COOKIE, lightingHead)).assertStatus(404)
    const strangerHead = await sessionOf(client, stranger.host, stranger.roadsHead.email)
    ;(await client.get(`/problems/inbox/${routed!.id}`).header('host', stranger.host).withCookie(SESSION_COOKIE, strangerHead)).assertStatus(404)
    // a department of another block cannot answer it either
    const forged = await postMultipart(client, block.host, lightingHead, '/problems/inbox', `/problems/inbox/${routed!.id}/answer`, { kind: 'resolved', answer: 'Не наше, но закроем' })
    forged.assertStatus(404)

    // The department answers: resolved, with a photo of the repaired road.
    const answered = await postMultipart(
      client,
      block.host,
      roadsHead,
      `/problems/inbox/${routed!.id}`,
      `/problems/inbox/${routed!.id}/answer`,
      { kind: 'resolved', answer: 'Яма заделана литым асфальтом 12 ноября.' },
      [{ name: 'photos[]', buffer: await photoWithExif(800, 600), filename: 'done.jpg' }]
    )
    answered.assertStatus(302)
    await pump(all())

    const published = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(published.status, 'resolved')
    assert.isTrue(published.answeredInTime)
    const page = await client.get(`/problems/${problem.id}`).header('host', portal.host)
    page.assertStatus(200)
    assert.include(page.text(), 'Яма заделана литым асфальтом 12 ноября.')
    assert.include(page.text(), 'Министерство транспорта и дорог')
    const answerPhoto = page.text().match(/alt="Фотография результата"/)
    assert.exists(answerPhoto, 'the answer photo is published')

    // The citizen contests: the problem reopens with a new deadline and goes to the department again.
    const contested = await submitForm(client, portal.host, citizen, `/problems/${problem.id}`, `/problems/${problem.id}/contest`, {
      reason: 'Яму заделали только наполовину',
    })
    contested.assertStatus(200)
    const reopened = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(reopened.status, 'routed')
    assert.equal(reopened.round, 2)
    assert.equal(reopened.reopenedCount, 1)
    assert.isTrue(reopened.deadline! > published.deadline!)
    await pump(all())
    const again = await caseOf(block, problem.id)
    assert.equal(again!.status, 'open')
    assert.equal(again!.round, 2)
    assert.isNull(again!.answerText)

    // This time a plan with a date; the citizen confirms it.
    const planned = await postMultipart(client, block.host, roadsHead, `/problems/inbox/${again!.id}`, `/problems/inbox/${again!.id}/answer`, {
      kind: 'planned',
      answer: 'Капитальный ремонт участка включён в план.',
      plannedOn: '2030-05-01',
      needs: '2,4 млн руб. из дорожного фонда',
    })
    planned.assertStatus(302)
    await pump(all())
    const withPlan = await client.get(`/problems/${problem.id}`).header('host', portal.host)
    assert.include(withPlan.text(), 'Капитальный ремонт участка включён в план.')
    assert.include(withPlan.text(), '2,4 млн руб. из дорожного фонда')
    // a plan stays tracked: it is confirmed once the department reports it done
    const planPage = await client.get(`/problems/${problem.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)
    assert.notInclude(planPage.text(), `/problems/${problem.id}/confirm`)
    ;(
      await postMultipart(client, block.host, roadsHead, `/problems/inbox/${again!.id}`, `/problems/inbox/${again!.id}/done`, {
        report: 'Участок отремонтирован по плану.',
      })
    ).assertStatus(302)
    await pump(all())
    ;(await submitForm(client, portal.host, citizen, `/problems/${problem.id}`, `/problems/${problem.id}/confirm`, {})).assertStatus(200)
    const closed = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(closed.status, 'confirmed')

    // The public timeline tells the whole story, in order.
    const kinds = await inTenant(portal.tenant, async () =>
      (await tenantDb().from('problem_events').where('problem_id', problem.id).where('is_public', true).orderBy('id')).map((row) => row.kind + (row.data.kind ? `:${row.data.kind}` : ''))
    )
    assert.deepEqual(kinds, ['submitted', 'routed', 'received', 'answered:resolved', 'contested', 'routed', 'received', 'answered:planned', 'plan_done', 'confirmed'])
    // ... in people's words: no raw routing reasons
    const story = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec((await client.get(`/problems/${problem.id}`).header('host', portal.host)).text())![1]
    assert.include(story, 'Автор не согласился с ответом, и сообщение снова направлено в «')
    assert.include(story, 'Автор подтвердил, что проблема решена')
    assert.notMatch(story, />\s*(rule|reopened|admin)\s*</)

    // Statistics count it for Krasnodar and the department.
    const stats = await client.get('/problems/stats').header('host', portal.host)
    stats.assertStatus(200)
    assert.match(stats.text(), /data-key="krasnodar"[\s\S]*?<td class="num"[^>]*>1<\/td>[\s\S]*?100 %/)
  })

  test('the e-mail reaches the block only when the citizen allowed it', async ({ assert, client }) => {
    await routeRule(portal, portal.roads.id, block.tenant.slug, 'roads')
    const citizen = await sessionOf(client, portal.host, portal.neighbour.email)
    const shared = await report(client, citizen, { shareContact: 'true', address: 'Краснодар, ул. Северная, 300' }, false)
    await pump(all())
    assert.equal((await caseOf(block, shared.id))!.authorEmail, portal.neighbour.email)
    const messages = await inTenant(block.tenant, () => tenantDb().from('bus_inbox').where('type', 'problems.routed'))
    const leaked = messages.filter((row) => JSON.stringify(row.payload).includes(portal.citizen.email))
    assert.lengthOf(leaked, 0, 'the first citizen did not allow it: their e-mail never crossed')
  })

  test('a department the block does not have sends the problem back to the admins’ queue', async ({ assert, client }) => {
    await routeRule(portal, portal.lighting.id, block.tenant.slug, 'no-such-department')
    const citizen = await sessionOf(client, portal.host, portal.neighbour.email)
    const problem = await report(client, citizen, { themeId: String(portal.lighting.id), address: 'Краснодар, ул. Темная, 1' }, false)
    await pump(all())
    const back = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(back.status, 'awaiting_routing')

    // The admin routes it by hand to the block's lighting department; the block then answers "not ours".
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const queue = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.include(queue.text(), 'ул. Темная, 1')
    ;(
      await submitForm(client, portal.host, admin, '/problems/admin/routing', `/problems/${problem.id}/route`, {
        target: `${block.tenant.slug}/lighting`,
      })
    ).assertStatus(200)
    await pump(all())
    const found = await caseOf(block, problem.id)
    const head = await sessionOf(client, block.host, block.lightingHead.email)
    ;(await postMultipart(client, block.host, head, `/problems/inbox/${found!.id}`, `/problems/inbox/${found!.id}/answer`, { kind: 'not_ours', answer: 'Сети освещения этой улицы — муниципальные' })).assertStatus(302)
    await pump(all())
    const returned = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(returned.status, 'awaiting_routing')
    const notes = await inTenant(portal.tenant, () => tenantDb().from('notifications').where('user_id', portal.admin.id).where('kind', 'problem.returned'))
    assert.isAtLeast(notes.length, 1)
    const events = await inTenant(portal.tenant, () => tenantDb().from('problem_events').where('problem_id', problem.id).whereIn('kind', ['routed', 'returned']).orderBy('id'))
    assert.deepEqual(events.map((row) => row.kind), ['routed', 'returned', 'routed', 'returned'])
    assert.isNotNull(events[0].rule_id, 'the first routing names the rule that fired')
    assert.isNull(events[2].rule_id, 'the manual one names none')
    assert.equal(events[2].actor_id, portal.admin.id)
  })

  test('a forged answer from a block the problem was not routed to changes nothing', async ({ assert, client }) => {
    await routeRule(portal, portal.roads.id, block.tenant.slug, 'roads')
    const citizen = await sessionOf(client, portal.host, portal.neighbour.email)
    const problem = await report(client, citizen, { address: 'Краснодар, ул. Промышленная, 5' }, false)
    await pump(all())
    const { sendFrom } = await import('#tests/helpers/bus')
    await sendFrom(stranger.tenant, portal.tenant.slug, 'problems.answered', [
      { problemId: problem.id, round: 1, kind: 'resolved', text: 'Подделка', answeredAt: new Date().toISOString() },
    ])
    await pump(all())
    const after = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(after.status, 'routed')
    const refused = await inTenant(portal.tenant, () => tenantDb().from('bus_inbox').where('source_tenant', stranger.tenant.slug).first())
    assert.match(refused.last_error, /not routed to/)
  })
})
