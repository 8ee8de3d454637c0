import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import Problem from '#modules/problems/models/problem'
import ProblemTheme from '#modules/problems/models/problem_theme'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm, postFrom } from '#tests/helpers/http'
import { problemsPortal, sessionOf, type ProblemsPortal } from '#tests/helpers/problems'

let portal: ProblemsPortal

function reportAs(userId: number, address: string) {
  return inTenant(portal.tenant, async () =>
    new ReportProblem().handle(
      { themeId: portal.waste.id, municipalityId: portal.krasnodar.id, lat: 45.02, lng: 38.99, address, description: 'Оскорбительный текст вместо описания проблемы.' },
      await User.findOrFail(userId)
    )
  )
}

test.group('Problems | moderation', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pm_portal')
  })

  test('citizens flag abuse; a moderator hides it with a reason (audited), it disappears from public pages, and is restored', async ({ assert, client }) => {
    const problem = await reportAs(portal.citizen.id, 'Краснодар, ул. Спорная, 13')
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    ;(await submitForm(client, portal.host, neighbour, `/problems/${problem.id}`, `/problems/${problem.id}/flag`, { reason: 'Оскорбления в тексте' })).assertStatus(200)
    ;(await submitForm(client, portal.host, neighbour, `/problems/${problem.id}`, `/problems/${problem.id}/flag`, { reason: 'Ещё раз' })).assertStatus(200)
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))).openFlagsCount, 1, 'one flag per citizen')

    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const queue = await client.get('/problems/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.include(queue.text(), 'Оскорбления в тексте')

    // a reason is required
    const noReason = await postFrom(client, portal.host, moderator, `/problems/${problem.id}`, `/problems/${problem.id}/hide`, { reason: '' })
    assert.equal(noReason.response.status(), 302)
    assert.isNull((await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))).hiddenAt)

    ;(await submitForm(client, portal.host, moderator, `/problems/${problem.id}`, `/problems/${problem.id}/hide`, { reason: 'Нарушение правил: оскорбления' })).assertStatus(200)
    const hidden = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.isNotNull(hidden.hiddenAt)
    assert.equal(hidden.openFlagsCount, 0)
    ;(await client.get(`/problems/${problem.id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/problems/${problem.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, neighbour)).assertStatus(404)
    assert.notInclude((await client.get('/problems').header('host', portal.host)).text(), 'ул. Спорная, 13')
    const map = await client.get('/problems/map.json').header('host', portal.host)
    assert.isFalse(map.body().data.some((row: any) => row.id === problem.id))
    const moderatorView = await client.get(`/problems/${problem.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    moderatorView.assertStatus(200)
    assert.include(moderatorView.text(), 'Нарушение правил: оскорбления')

    ;(await submitForm(client, portal.host, moderator, `/problems/${problem.id}`, `/problems/${problem.id}/restore`, { reason: 'Автор исправил текст' })).assertStatus(200)
    ;(await client.get(`/problems/${problem.id}`).header('host', portal.host)).assertStatus(200)

    const audit = await inTenant(portal.tenant, () => AuditEntry.query().where('subject_type', 'problem').where('subject_id', String(problem.id)).orderBy('id'))
    assert.deepEqual(audit.map((entry) => [entry.action, entry.details.reason, entry.actorId]), [
      ['problem.hidden', 'Нарушение правил: оскорбления', portal.moderator.id],
      ['problem.restored', 'Автор исправил текст', portal.moderator.id],
    ])
  })

  test('only moderators moderate, only admins route; anonymous visitors read but do not act', async ({ assert, client }) => {
    const problem = await reportAs(portal.neighbour.id, 'Краснодар, ул. Тихая, 2')
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const { response: hide } = await postFrom(client, portal.host, citizen, `/problems/${problem.id}`, `/problems/${problem.id}/hide`, { reason: 'Мне не нравится' })
    hide.assertStatus(403)
    ;(await client.get('/problems/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(403)
    ;(await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(403)
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)).assertStatus(403)
    // the author neither endorses nor contests what was not answered
    const author = await sessionOf(client, portal.host, portal.neighbour.email)
    ;(await postFrom(client, portal.host, author, `/problems/${problem.id}`, `/problems/${problem.id}/endorse`, {})).response.assertStatus(403)
    ;(await postFrom(client, portal.host, citizen, `/problems/${problem.id}`, `/problems/${problem.id}/contest`, { reason: 'Не мой, но оспорю' })).response.assertStatus(403)
    // anonymous: reads, but acting asks to sign in
    ;(await client.get(`/problems/${problem.id}`).header('host', portal.host)).assertStatus(200)
    const anonymous = await client.get('/problems/new').header('host', portal.host).redirects(0)
    anonymous.assertStatus(302)
    assert.equal(anonymous.header('location'), '/login')
    // the portal's pages do not exist in a block, nor the block's queue in the portal
    ;(await client.get('/problems/inbox').header('host', portal.host).redirects(0)).assertStatus(404)
    // an unknown id is 404
    ;(await client.get('/problems/999999').header('host', portal.host)).assertStatus(404)
  })
})

test.group('Problems | routing administration', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pm_portal')
  })

  test('rules name a department of the directory; bad input gets per-field messages; reaction days are bounded and audited', async ({ assert, client }) => {
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const bad = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', {
      themeId: String(portal.roads.id),
      target: 'Дороги!',
    })
    assert.include(bad.text(), 'Поле «Орган и подразделение» заполнено неверно')
    const missing = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', { themeId: String(portal.roads.id) })
    assert.include(missing.text(), 'Заполните поле «Орган и подразделение»')
    // a department no body has published (the portal itself publishes none)
    const portalAsTarget = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', {
      themeId: String(portal.roads.id), target: `${portal.tenant.slug}/roads`,
    })
    assert.include(portalAsTarget.text(), 'Выбранное значение поля «Орган и подразделение» не найдено')

    const tooLong = await submitForm(client, portal.host, admin, '/problems/admin/routing', `/problems/admin/themes/${portal.roads.id}`, { reactionDays: '365' })
    assert.include(tooLong.text(), 'должно быть от 1 до 90')
    ;(await submitForm(client, portal.host, admin, '/problems/admin/routing', `/problems/admin/themes/${portal.roads.id}`, { reactionDays: '5' })).assertStatus(200)
    const theme = await inTenant(portal.tenant, () => ProblemTheme.findOrFail(portal.roads.id))
    assert.equal(theme.reactionDays, 5)
    const audit = await inTenant(portal.tenant, () => AuditEntry.query().where('action', 'problem_theme.updated').first())
    assert.equal(audit?.details.reactionDays, 5)
  })
})
