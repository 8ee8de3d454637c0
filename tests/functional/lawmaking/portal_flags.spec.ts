import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Remark from '#modules/lawmaking/models/remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { postFrom, postJson, submitForm } from '#tests/helpers/http'
import { withEnv } from '#tests/helpers/bus'
import { problemsPortal, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock } from '#tests/helpers/lawmaking'
import { openPortalDraft, portalGet } from '#tests/helpers/lawmaking_portal'

let portal: ProblemsPortal
let block: ProblemsBlock

/** A published draft's portal id and the page of its first article. */
const openDraft = (title: string) => openPortalDraft(portal, block, { title })

function remarkBy(draft: { id: number; article1: string }, author: { id: number }, text: string, parentId?: number) {
  return inTenant(portal.tenant, async () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text, parentId }, await User.findOrFail(author.id)))
}

const fresh = (id: number) => inTenant(portal.tenant, () => Remark.findOrFail(id))

function auditOf(remarkId: number) {
  return inTenant(portal.tenant, () => AuditEntry.query().where('subject_type', 'lawmaking_remark').where('subject_id', String(remarkId)).orderBy('id'))
}

/** The remarks in the moderators' queue, in its order. */
function queueOrder(html: string) {
  return [...html.matchAll(/data-flagged-remark="(\d+)"/g)].map((match) => Number(match[1]))
}

test.group('Lawmaking | portal flags and the moderators\' queue', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmflags_portal')
    block = await lawmakingBlock('lmflags_block')
  })

  test('a citizen flags someone else\'s remark once, with a reason; not their own, not twice, not anonymously; most flags first in the queue', async ({ assert, client }) => {
    const draft = await openDraft('О жалобах (очередь)')
    const remark = await remarkBy(draft, portal.citizen, 'Замечание с грубостью')
    const other = await remarkBy(draft, portal.citizen, 'Замечание с рекламой')
    const reply = await remarkBy(draft, portal.neighbour, 'Ответ соседа', remark.id)
    const third = await ensureUser(portal.tenant, 'citizen', 'third@lmflags-portal.test')

    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    const page = (await portalGet(client, portal, draft.page, neighbour)).text()
    assert.include(page, `data-flag-form="${remark.id}"`)
    assert.notInclude(page, `data-flag-form="${reply.id}"`, 'not on one\'s own reply')
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const authorPage = (await portalGet(client, portal, draft.page, author)).text()
    assert.notInclude(authorPage, `data-flag-form="${remark.id}"`, 'not on one\'s own remark')
    assert.include(authorPage, `data-flag-form="${reply.id}"`, 'replies are flagged too')
    const anonymousPage = (await portalGet(client, portal, draft.page)).text()
    assert.notInclude(anonymousPage, 'data-flag-form')

    const flagged = await submitForm(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${remark.id}/flag`, { reason: 'Оскорбления в адрес других жителей' })
    flagged.assertStatus(200)
    assert.include(flagged.text(), 'Жалоба отправлена модераторам')
    assert.match(flagged.text(), new RegExp(`id="remark-${remark.id}"[\\s\\S]*?data-flagged>Вы пожаловались на это замечание`))
    assert.notInclude(flagged.text(), `data-flag-form="${remark.id}"`)
    assert.equal((await fresh(remark.id)).flagsCount, 1)

    const twice = await postJson(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${remark.id}/flag`, { reason: 'Ещё раз' })
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].message, 'Вы уже жаловались на это замечание')
    const again = await submitForm(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${remark.id}/flag`, {})
    assert.include(again.text(), 'Вы уже жаловались на это замечание')
    ;(await postFrom(client, portal.host, author, draft.page, `/lawmaking/remarks/${remark.id}/flag`, {})).response.assertStatus(403)
    const anonymous = await postFrom(client, portal.host, undefined, draft.page, `/lawmaking/remarks/${remark.id}/flag`, {})
    anonymous.response.assertStatus(302)
    assert.equal(anonymous.response.header('location'), '/login')
    const long = await postJson(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${other.id}/flag`, { reason: 'x'.repeat(501) })
    long.assertStatus(422)
    assert.equal((await fresh(other.id)).flagsCount, 0)
    ;(await postJson(client, portal.host, neighbour, draft.page, '/lawmaking/remarks/999999/flag', {})).assertStatus(404)

    const thirdSession = await sessionOf(client, portal.host, third.email)
    ;(await postJson(client, portal.host, thirdSession, draft.page, `/lawmaking/remarks/${remark.id}/flag`, {})).assertStatus(201)
    ;(await postJson(client, portal.host, thirdSession, draft.page, `/lawmaking/remarks/${other.id}/flag`, { reason: 'Реклама' })).assertStatus(201)
    assert.equal((await fresh(remark.id)).flagsCount, 2)

    ;(await portalGet(client, portal, '/lawmaking/moderation', neighbour)).assertStatus(403)
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const queue = await portalGet(client, portal, '/lawmaking/moderation', moderator)
    queue.assertStatus(200)
    assert.include(queue.text(), 'href="/lawmaking/moderation"', 'in the moderators\' navigation')
    assert.deepEqual(queueOrder(queue.text()), [remark.id, other.id])
    assert.include(queue.text(), '2 замечания с жалобами')
    assert.match(queue.text(), new RegExp(`data-flagged-remark="${remark.id}"[\\s\\S]*?data-flags="2">2 жалобы[\\s\\S]*?Замечание с грубостью[\\s\\S]*?<li>Оскорбления в адрес других жителей</li>`))
    assert.match(queue.text(), new RegExp(`data-flagged-remark="${other.id}"[\\s\\S]*?data-flags="1">1 жалоба[\\s\\S]*?<li>Реклама</li>`))
    const english = await portalGet(client, portal, '/lawmaking/moderation', moderator).header('x-locale', 'en')
    assert.include(english.text(), '2 flagged remarks')
    assert.include(english.text(), 'Dismiss flags')
  })

  test('a moderator hides a flagged remark from the queue (audited with the flags) or dismisses the flags (audited); the flagger still cannot flag it again', async ({ assert, client }) => {
    const draft = await openDraft('О жалобах (решения)')
    const rude = await remarkBy(draft, portal.citizen, 'Грубое замечание')
    const fine = await remarkBy(draft, portal.citizen, 'Нормальное замечание')
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    for (const remark of [rude, fine]) {
      ;(await postJson(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${remark.id}/flag`, { reason: 'Нарушает правила' })).assertStatus(201)
    }
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    // a citizen neither hides nor dismisses
    ;(await postFrom(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${fine.id}/dismiss-flags`, {})).response.assertStatus(403)

    const hidden = await submitForm(client, portal.host, moderator, '/lawmaking/moderation', `/lawmaking/remarks/${rude.id}/hide`, { reason: 'Оскорбления', from: 'queue' })
    hidden.assertStatus(200)
    assert.include(hidden.text(), 'Замечание скрыто')
    assert.include(hidden.text(), '<h1>Жалобы на замечания</h1>', 'back in the queue')
    assert.notInclude(hidden.text(), `data-flagged-remark="${rude.id}"`)
    const rudeNow = await fresh(rude.id)
    assert.isNotNull(rudeNow.hiddenAt)
    assert.equal(rudeNow.hiddenReason, 'Оскорбления')
    assert.equal(rudeNow.flagsCount, 0)
    assert.deepEqual((await auditOf(rude.id)).map((entry) => [entry.action, entry.details, entry.actorId]), [['lawmaking.remark_hidden', { reason: 'Оскорбления', flags: 1 }, portal.moderator.id]])
    assert.notInclude((await portalGet(client, portal, draft.page)).text(), 'Грубое замечание')

    const dismissed = await submitForm(client, portal.host, moderator, '/lawmaking/moderation', `/lawmaking/remarks/${fine.id}/dismiss-flags`, {})
    dismissed.assertStatus(200)
    assert.include(dismissed.text(), 'Жалобы отклонены, замечание осталось видимым')
    assert.notInclude(dismissed.text(), `data-flagged-remark="${fine.id}"`)
    const fineNow = await fresh(fine.id)
    assert.isNull(fineNow.hiddenAt)
    assert.equal(fineNow.flagsCount, 0)
    assert.deepEqual((await auditOf(fine.id)).map((entry) => [entry.action, entry.details, entry.actorId]), [['lawmaking.remark_flags_dismissed', { flags: 1 }, portal.moderator.id]])
    assert.include((await portalGet(client, portal, draft.page)).text(), 'Нормальное замечание')

    // the flag stays on record: the same citizen does not flag the remark again, another one may
    const page = (await portalGet(client, portal, draft.page, neighbour)).text()
    assert.match(page, new RegExp(`id="remark-${fine.id}"[\\s\\S]*?data-flagged>`))
    ;(await postJson(client, portal.host, neighbour, draft.page, `/lawmaking/remarks/${fine.id}/flag`, {})).assertStatus(409)
    const third = await sessionOf(client, portal.host, (await ensureUser(portal.tenant, 'citizen', 'third@lmflags-portal.test')).email)
    ;(await postJson(client, portal.host, third, draft.page, `/lawmaking/remarks/${fine.id}/flag`, {})).assertStatus(201)
    const queue = queueOrder((await portalGet(client, portal, '/lawmaking/moderation', moderator)).text())
    assert.include(queue, fine.id)
    assert.notInclude(queue, rude.id)
    // a hidden remark is not flagged
    ;(await postJson(client, portal.host, third, draft.page, `/lawmaking/remarks/${rude.id}/flag`, {})).assertStatus(404)
    ;(await submitForm(client, portal.host, moderator, '/lawmaking/moderation', `/lawmaking/remarks/${fine.id}/dismiss-flags`, {})).assertStatus(200)
  })

  test('past LAWMAKING_FLAGS_PER_HOUR a flag is refused with 429 and the flag buttons go; an unconfirmed citizen does not flag', async ({ assert, client }) => {
    const draft = await openDraft('О жалобах (лимит)')
    const remarks = [await remarkBy(draft, portal.citizen, 'Первое'), await remarkBy(draft, portal.citizen, 'Второе'), await remarkBy(draft, portal.citizen, 'Третье')]
    const flagger = await ensureUser(portal.tenant, 'citizen', 'flagger@lmflags-portal.test')
    await withEnv({ LAWMAKING_FLAGS_PER_HOUR: 2 }, async () => {
      await limiter.use({ requests: 2, duration: '1 hour' }).delete(`lawmaking:flags:${portal.tenant.slug}:${flagger.id}`)
      const session = await sessionOf(client, portal.host, flagger.email)
      for (const remark of remarks.slice(0, 2)) {
        ;(await postJson(client, portal.host, session, draft.page, `/lawmaking/remarks/${remark.id}/flag`, {})).assertStatus(201)
      }
      const refused = await postJson(client, portal.host, session, draft.page, `/lawmaking/remarks/${remarks[2].id}/flag`, {})
      refused.assertStatus(429)
      assert.equal(refused.body().errors[0].message, 'Слишком много жалоб за последний час. Попробуйте позже.')
      const html = await submitForm(client, portal.host, session, draft.page, `/lawmaking/remarks/${remarks[2].id}/flag`, {})
      assert.include(html.text(), 'Слишком много жалоб за последний час')
      assert.notInclude(html.text(), 'data-flag-form', 'nobody flags past the limit')
    })
    assert.equal((await fresh(remarks[2].id)).flagsCount, 0)

    const unconfirmed = await ensureUser(portal.tenant, 'citizen', 'unconfirmed@lmflags-portal.test')
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: unconfirmed.id }, { displayName: 'Новичок', emailConfirmedAt: null }))
    const session = await sessionOf(client, portal.host, unconfirmed.email)
    assert.notInclude((await portalGet(client, portal, draft.page, session)).text(), 'data-flag-form')
    ;(await postJson(client, portal.host, session, draft.page, `/lawmaking/remarks/${remarks[2].id}/flag`, {})).assertStatus(403)
    assert.equal((await fresh(remarks[2].id)).flagsCount, 0)
  })

  test('a body has neither flags nor the queue', async ({ client }) => {
    const host = hostOf(block.tenant)
    ;(await client.get('/lawmaking/moderation').header('host', host)).assertStatus(404)
    ;(await client.post('/lawmaking/remarks/1/flag').header('host', host)).assertStatus(404)
    ;(await client.post('/lawmaking/remarks/1/dismiss-flags').header('host', host)).assertStatus(404)
  })
})
