import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { DateTime } from 'luxon'
import { clockDate } from '#core/clock'
import { mayPublish } from '#modules/social/moderation/registry'
import { personalDataParts } from '#modules/social/profiles/personal_data'
import DeliverEmailsJob from '#modules/notifications/jobs/deliver_emails_job'
import { Mailbox } from '#tests/helpers/mailbox'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postFrom, postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { problemsPortal, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock } from '#tests/helpers/lawmaking'
import { portalGet } from '#tests/helpers/lawmaking_portal'
import { auditsOf, caseOf, flagRemark, notificationsOf, remarkNow, remarkOn, anotherRemark } from '#tests/helpers/social_moderation'

let portal: ProblemsPortal
let block: ProblemsBlock
let third: { id: number; email: string }
let fourth: { id: number; email: string }

const session = (client: Parameters<typeof sessionOf>[0], email: string) => sessionOf(client, portal.host, email)

test.group('Social moderation | flags, the queue, decisions', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('socmod_portal')
    block = await lawmakingBlock('socmod_block')
    third = await ensureUser(portal.tenant, 'citizen', 'third@socmod-portal.test')
    fourth = await ensureUser(portal.tenant, 'citizen', 'fourth@socmod-portal.test')
  })

  test('a signed-in user flags someone else\'s item once, with a reason from the list; not their own, not an unknown kind, not anonymously', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (один раз)', portal.citizen, 'Замечание с рекламой')
    const neighbour = await session(client, portal.neighbour.email)
    const page = (await portalGet(client, portal, draft.page, neighbour)).text()
    assert.include(page, `data-flag-kind="lawmaking.remark" data-flag-id="${remark.id}"`, 'the shared control under the remark')

    ;(await flagRemark(client, portal, neighbour, draft.page, remark.id, 'spam', 'Реклама магазина')).assertStatus(201)
    const twice = await flagRemark(client, portal, neighbour, draft.page, remark.id, 'offensive')
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].message, 'Вы уже жаловались на этот материал.')
    const found = await caseOf(portal, remark.id)
    assert.equal(found.open_flags, 1)
    assert.equal(found.state, 'pending')
    assert.isFalse(found.hidden)

    const author = await session(client, portal.citizen.email)
    assert.notInclude((await portalGet(client, portal, draft.page, author)).text(), `data-flag-id="${remark.id}"`, 'not offered to the author')
    assert.notInclude((await portalGet(client, portal, draft.page)).text(), 'data-flag-kind', 'nor to guests')
    ;(await flagRemark(client, portal, author, draft.page, remark.id)).assertStatus(404)
    ;(await postJson(client, portal.host, neighbour, draft.page, '/moderation/flags', { kind: 'social.nothing', id: String(remark.id), reason: 'spam' })).assertStatus(404)
    ;(await flagRemark(client, portal, neighbour, draft.page, 999999)).assertStatus(404)

    const bad = await postJson(client, portal.host, neighbour, draft.page, '/moderation/flags', { kind: 'lawmaking.remark', id: String(remark.id), reason: 'boring', note: 'x'.repeat(1001) })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((error: { field: string }) => error.field).sort()
    assert.deepEqual(fields, ['note', 'reason'])
    assert.match(bad.body().errors.find((error: { field: string }) => error.field === 'reason').message, /Причина/)
    const csrf = csrfTokenFrom((await portalGet(client, portal, draft.page, neighbour)).text())
    const english = await client
      .post('/moderation/flags')
      .header('host', portal.host)
      .header('accept', 'application/json')
      .header('x-locale', 'en')
      .withCookie(SESSION_COOKIE, neighbour)
      .form({ _csrf: csrf, kind: 'lawmaking.remark', id: String(remark.id), reason: 'boring' })
    english.assertStatus(422)
    assert.match(english.body().errors[0].message, /Reason/)

    const anonymous = await postFrom(client, portal.host, undefined, draft.page, '/moderation/flags', { kind: 'lawmaking.remark', id: String(remark.id), reason: 'spam' })
    anonymous.response.assertStatus(302)
    assert.equal(anonymous.response.header('location'), '/login')

    // a form post comes back to the page with a notice
    const fromForm = await submitForm(client, portal.host, await session(client, third.email), draft.page, '/moderation/flags', { kind: 'lawmaking.remark', id: String(remark.id), reason: 'off_topic' })
    assert.include(fromForm.text(), 'Спасибо, жалоба отправлена модераторам.')
    assert.equal((await caseOf(portal, remark.id)).open_flags, 2)
  })

  test('three flags from distinct users hide the item until a moderator decides; the author is told; audited', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (автоскрытие)', portal.citizen, 'Грубое замечание')
    const sessions = [await session(client, portal.neighbour.email), await session(client, third.email)]
    for (const flagger of sessions) (await flagRemark(client, portal, flagger, draft.page, remark.id, 'offensive')).assertStatus(201)
    // the same user again does not count
    ;(await flagRemark(client, portal, sessions[0], draft.page, remark.id, 'offensive')).assertStatus(409)
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)

    const last = await flagRemark(client, portal, await session(client, fourth.email), draft.page, remark.id, 'spam')
    last.assertStatus(201)
    assert.isTrue(last.body().hidden)
    assert.isNotNull((await remarkNow(portal, remark.id)).hiddenAt)
    const found = await caseOf(portal, remark.id)
    assert.isTrue(found.hidden)
    assert.equal(found.state, 'pending')
    assert.isNotNull(found.auto_hidden_at)

    // gone for others, still there for its author
    const neighbourPage = (await portalGet(client, portal, draft.page, sessions[0])).text()
    assert.notInclude(neighbourPage, `id="remark-${remark.id}"`)
    const authorPage = (await portalGet(client, portal, draft.page, await session(client, portal.citizen.email))).text()
    assert.include(authorPage, `id="remark-${remark.id}"`)

    const told = await notificationsOf(portal, portal.citizen.id, 'social_moderation.auto_hidden')
    assert.lengthOf(told, 1)
    assert.equal(told[0].link, '/moderation/mine')
    const audits = await auditsOf(portal, 'social_moderation.auto_hidden')
    assert.isTrue(audits.some((entry) => entry.subjectId === String(found.id)))

    const mine = (await portalGet(client, portal, '/moderation/mine', await session(client, portal.citizen.email))).text()
    assert.include(mine, 'Скрыт автоматически по жалобам, ждёт решения модератора')
    const queue = (await portalGet(client, portal, '/moderation?state=hidden', await session(client, portal.moderator.email))).text()
    assert.match(queue, new RegExp(`data-case="${found.id}"[\\s\\S]*?data-hidden>Скрыт · скрыт автоматически по жалобам<`))
  })

  test('the queue is for moderators and admins only (404 otherwise); filters, oldest first, reasons counted, notes escaped', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (очередь)', portal.citizen, 'Первое замечание <b>жирно</b>')
    const second = await anotherRemark(portal, draft, portal.neighbour, 'Второе замечание')
    const xss = '<script>alert("note")</script><img src=x onerror=alert(1)>'
    ;(await flagRemark(client, portal, await session(client, third.email), draft.page, remark.id, 'personal_data', xss)).assertStatus(201)
    ;(await flagRemark(client, portal, await session(client, fourth.email), draft.page, second.id, 'off_topic')).assertStatus(201)

    for (const email of [portal.citizen.email, portal.neighbour.email]) {
      const citizen = await session(client, email)
      ;(await portalGet(client, portal, '/moderation', citizen)).assertStatus(404)
      ;(await portalGet(client, portal, '/moderation/appeals', citizen)).assertStatus(404)
      ;(await portalGet(client, portal, '/moderation/sanctions', citizen)).assertStatus(404)
      ;(await portalGet(client, portal, '/moderation/stats', citizen)).assertStatus(404)
      ;(await portalGet(client, portal, '/moderation/settings', citizen)).assertStatus(404)
      ;(await postJson(client, portal.host, citizen, draft.page, `/moderation/cases/1/hide`, { reason: 'Не модератор' })).assertStatus(404)
    }
    const guest = await portalGet(client, portal, '/moderation').redirects(0)
    guest.assertStatus(302)

    const moderator = await session(client, portal.moderator.email)
    const queue = await portalGet(client, portal, '/moderation?kind=lawmaking.remark', moderator)
    queue.assertStatus(200)
    const html = queue.text()
    const order = [...html.matchAll(/data-case-item="(\d+)"/g)].map((match) => Number(match[1]))
    assert.isBelow(order.indexOf(remark.id), order.indexOf(second.id), 'oldest first flag first')
    assert.notInclude(html, '<script>alert("note")</script>')
    assert.include(html, '&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;')
    assert.include(html, 'Первое замечание &lt;b&gt;жирно&lt;/b&gt;')
    assert.match(html, new RegExp(`data-case-item="${remark.id}"[\\s\\S]*?data-reason="personal_data">Персональные данные: 1`))
    assert.include(html, 'href="/moderation"', 'in the moderators\' navigation')
    assert.notMatch(html, /@(if|end|each)\b/, 'no template tag left as text')
    assert.include(html, `(№${portal.citizen.id})`)

    const byReason = (await portalGet(client, portal, '/moderation?reason=off_topic', moderator)).text()
    assert.include(byReason, `data-case-item="${second.id}"`)
    assert.notInclude(byReason, `data-case-item="${remark.id}"`)
    const decided = (await portalGet(client, portal, '/moderation?state=decided', moderator)).text()
    assert.notInclude(decided, `data-case-item="${remark.id}"`)
    const junk = await portalGet(client, portal, '/moderation?state=nonsense&page=-1', moderator)
    junk.assertStatus(200)
    const english = await portalGet(client, portal, '/moderation', moderator).header('x-locale', 'en')
    assert.include(english.text(), 'Personal data')
    const admin = await session(client, portal.admin.email)
    ;(await portalGet(client, portal, '/moderation', admin)).assertStatus(200)
  })

  test('a moderator hides with a reason, restores with a reason, dismisses flags; the author is told; every action audited', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (решения)', portal.citizen, 'Спорное замечание')
    const other = await anotherRemark(portal, draft, portal.citizen, 'Нормальное замечание')
    const neighbour = await session(client, portal.neighbour.email)
    ;(await flagRemark(client, portal, neighbour, draft.page, remark.id, 'offensive')).assertStatus(201)
    ;(await flagRemark(client, portal, neighbour, draft.page, other.id, 'spam')).assertStatus(201)
    const caseId = (await caseOf(portal, remark.id)).id
    const otherCase = (await caseOf(portal, other.id)).id
    const moderator = await session(client, portal.moderator.email)

    ;(await postJson(client, portal.host, moderator, '/moderation', '/moderation/cases/99999999999/hide', { reason: 'Нет такого' })).assertStatus(404)
    ;(await postJson(client, portal.host, moderator, '/moderation', '/moderation/cases/999999/hide', { reason: 'Нет такого' })).assertStatus(404)
    ;(await flagRemark(client, portal, neighbour, draft.page, 99999999999)).assertStatus(422)
    const noReason = await postJson(client, portal.host, moderator, '/moderation', `/moderation/cases/${caseId}/hide`, { reason: '' })
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)

    const hidden = await submitForm(client, portal.host, moderator, '/moderation', `/moderation/cases/${caseId}/hide`, { reason: 'Оскорбления <i>участников</i>' })
    assert.include(hidden.text(), 'Материал скрыт.')
    const afterHide = await remarkNow(portal, remark.id)
    assert.isNotNull(afterHide.hiddenAt)
    assert.equal(afterHide.hiddenReason, 'Оскорбления <i>участников</i>', 'law-making\'s own hidden reason, as its moderators write it')
    const hiddenCase = await caseOf(portal, remark.id)
    assert.equal(hiddenCase.state, 'decided')
    assert.equal(hiddenCase.decision, 'hide')
    assert.equal(hiddenCase.open_flags, 0)
    const told = await notificationsOf(portal, portal.citizen.id, 'social_moderation.hidden')
    assert.isTrue(told.some((row) => JSON.parse(JSON.stringify(row.data)).reason === 'Оскорбления <i>участников</i>'))
    const notifications = (await portalGet(client, portal, '/notifications', await session(client, portal.citizen.email))).text()
    assert.include(notifications, 'Оскорбления &lt;i&gt;участников&lt;/i&gt;')
    assert.notInclude(notifications, 'Оскорбления <i>участников</i>')

    const restored = await submitForm(client, portal.host, moderator, '/moderation?state=hidden', `/moderation/cases/${caseId}/restore`, { reason: 'После проверки нарушений нет' })
    assert.include(restored.text(), 'Материал возвращён.')
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)
    assert.lengthOf(await notificationsOf(portal, portal.citizen.id, 'social_moderation.restored'), 1)

    ;(await postJson(client, portal.host, moderator, '/moderation', `/moderation/cases/${otherCase}/dismiss`, { reason: 'Жалоба необоснованна' })).assertStatus(302)
    const dismissed = await caseOf(portal, other.id)
    assert.equal(dismissed.decision, 'dismiss')
    assert.equal(dismissed.open_flags, 0)
    assert.isNull((await remarkNow(portal, other.id)).hiddenAt)
    // a user still flags an item only once, even after a decision
    ;(await flagRemark(client, portal, neighbour, draft.page, other.id, 'spam')).assertStatus(409)

    for (const [action, subject] of [['social_moderation.hidden', caseId], ['social_moderation.restored', caseId], ['social_moderation.flags_dismissed', otherCase]] as const) {
      const entries = await auditsOf(portal, action)
      const entry = entries.find((row) => row.subjectId === String(subject))
      assert.exists(entry, action)
      assert.equal(entry!.actorId, portal.moderator.id)
    }
  })

  test('the author\'s e-mail says why the item was hidden, the moderator\'s reason escaped', async ({ assert, client }) => {
    const mailbox = await new Mailbox().start()
    try {
      const { draft, remark } = await remarkOn(portal, block, 'О жалобах (письмо)', portal.citizen, 'Замечание для письма')
      ;(await flagRemark(client, portal, await session(client, portal.neighbour.email), draft.page, remark.id, 'offensive')).assertStatus(201)
      const caseId = (await caseOf(portal, remark.id)).id
      const reason = '<img src=x onerror=alert(1)>Оскорбления & угрозы'
      ;(await postJson(client, portal.host, await session(client, portal.moderator.email), '/moderation', `/moderation/cases/${caseId}/hide`, { reason })).assertStatus(302)
      await inTenant(portal.tenant, () => new DeliverEmailsJob().handle())
      const letter = mailbox.to(portal.citizen.email).find((message) => (message.text ?? '').includes('Оскорбления & угрозы'))
      assert.exists(letter, 'the author is e-mailed')
      assert.include(letter!.subject ?? '', 'Модератор скрыл ваш материал')
      assert.notInclude(letter!.html as string, '<img src=x')
      assert.include(letter!.html as string, '&lt;img src=x onerror=alert(1)&gt;')
    } finally {
      await mailbox.stop()
    }
  })

  test('admins set the auto-hide threshold (audited); moderators may not; bad values answer 422', async ({ assert, client }) => {
    const moderator = await session(client, portal.moderator.email)
    ;(await portalGet(client, portal, '/moderation/settings', moderator)).assertStatus(404)
    const admin = await session(client, portal.admin.email)
    const page = await portalGet(client, portal, '/moderation/settings', admin)
    page.assertStatus(200)
    assert.include(page.text(), 'value="3"')
    const bad = await postJson(client, portal.host, admin, '/moderation/settings', '/moderation/settings', { autoHideThreshold: '0' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'autoHideThreshold')

    ;(await postJson(client, portal.host, admin, '/moderation/settings', '/moderation/settings', { autoHideThreshold: '2' })).assertStatus(302)
    const audit = (await auditsOf(portal, 'social_moderation.settings_changed')).at(-1)!
    assert.deepEqual(audit.details, { autoHideThreshold: { from: 3, to: 2 } })
    try {
      const { draft, remark } = await remarkOn(portal, block, 'О жалобах (порог 2)', portal.citizen, 'Замечание при пороге два')
      ;(await flagRemark(client, portal, await session(client, portal.neighbour.email), draft.page, remark.id)).assertStatus(201)
      const second = await flagRemark(client, portal, await session(client, third.email), draft.page, remark.id)
      assert.isTrue(second.body().hidden)
    } finally {
      ;(await postJson(client, portal.host, admin, '/moderation/settings', '/moderation/settings', { autoHideThreshold: '3' })).assertStatus(302)
    }
  })
})

test.group('Social moderation | appeals and sanctions', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('socmod_portal')
    block = await lawmakingBlock('socmod_block')
    third = await ensureUser(portal.tenant, 'citizen', 'third@socmod-portal.test')
    fourth = await ensureUser(portal.tenant, 'citizen', 'fourth@socmod-portal.test')
  })

  async function hiddenByModerator(client: Parameters<typeof sessionOf>[0], title: string) {
    const { draft, remark } = await remarkOn(portal, block, title, portal.citizen, `Замечание: ${title}`)
    ;(await flagRemark(client, portal, await session(client, portal.neighbour.email), draft.page, remark.id, 'offensive')).assertStatus(201)
    const caseId = (await caseOf(portal, remark.id)).id
    const moderator = await session(client, portal.moderator.email)
    ;(await postJson(client, portal.host, moderator, '/moderation', `/moderation/cases/${caseId}/hide`, { reason: 'Нарушение правил' })).assertStatus(302)
    const decision = await inTenant(portal.tenant, () => tenantDb().from('social_moderation_decisions').where({ case_id: caseId, action: 'hide' }).first())
    return { draft, remark, caseId, decisionId: decision.id as number }
  }

  test('the author appeals a hide once; another moderator (never the one who decided) overturns it and the item is back; audited', async ({ assert, client }) => {
    const { remark, decisionId } = await hiddenByModerator(client, 'Апелляция принята')
    const author = await session(client, portal.citizen.email)
    const mine = (await portalGet(client, portal, '/moderation/mine', author)).text()
    assert.include(mine, 'Решение: скрыт. Причина: Нарушение правил')
    assert.include(mine, `name="decisionId" value="${decisionId}"`)

    // not someone else's decision
    ;(await postJson(client, portal.host, await session(client, portal.neighbour.email), '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'Я тоже хочу обжаловать' })).assertStatus(404)
    const short = await postJson(client, portal.host, author, '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'коротко' })
    short.assertStatus(422)
    assert.equal(short.body().errors[0].field, 'text')
    ;(await postJson(client, portal.host, author, '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'Замечание по существу <script>alert(1)</script>' })).assertStatus(201)
    const again = await postJson(client, portal.host, author, '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'Повторная апелляция по тому же решению' })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].message, 'Это решение уже обжаловано: апелляция подаётся один раз.')
    const appeal = await inTenant(portal.tenant, () => tenantDb().from('social_moderation_appeals').where('decision_id', decisionId).firstOrFail())

    const sameModerator = await session(client, portal.moderator.email)
    const appealsPage = (await portalGet(client, portal, '/moderation/appeals', sameModerator)).text()
    assert.match(appealsPage, new RegExp(`data-appeal="${appeal.id}"[\\s\\S]*?data-not-yours`))
    assert.include(appealsPage, 'Замечание по существу &lt;script&gt;alert(1)&lt;/script&gt;')
    assert.notInclude(appealsPage, '<script>alert(1)</script>')
    const refused = await postJson(client, portal.host, sameModerator, '/moderation/appeals', `/moderation/appeals/${appeal.id}/decide`, { outcome: 'upheld', reason: 'Своё решение' })
    refused.assertStatus(403)
    assert.isNull((await inTenant(portal.tenant, () => tenantDb().from('social_moderation_appeals').where('id', appeal.id).firstOrFail())).decided_at)

    const other = await session(client, portal.admin.email)
    ;(await postJson(client, portal.host, other, '/moderation/appeals', `/moderation/appeals/${appeal.id}/decide`, { outcome: 'overturned', reason: 'Оскорблений нет' })).assertStatus(302)
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)
    assert.isFalse((await caseOf(portal, remark.id)).hidden)
    ;(await postJson(client, portal.host, other, '/moderation/appeals', `/moderation/appeals/${appeal.id}/decide`, { outcome: 'upheld', reason: 'Ещё раз' })).assertStatus(409)
    const told = await notificationsOf(portal, portal.citizen.id, 'social_moderation.appeal_decided')
    assert.isTrue(told.some((row) => row.data.outcome === 'overturned'))
    const entry = (await auditsOf(portal, 'social_moderation.appeal_decided')).find((row) => row.subjectId === String(appeal.id))
    assert.equal(entry?.actorId, portal.admin.id)
    assert.exists((await auditsOf(portal, 'social_moderation.appeal_filed')).find((row) => row.subjectId === String(appeal.id)))
    const after = (await portalGet(client, portal, '/moderation/mine', author)).text()
    assert.include(after, 'Апелляция: Решение отменено')
  })

  test('an appeal comes within 14 days of the decision by the app clock', async ({ assert, client }) => {
    const { decisionId } = await hiddenByModerator(client, 'Апелляция опоздала')
    const author = await session(client, portal.citizen.email)
    await inTenant(portal.tenant, () =>
      tenantDb().from('social_moderation_decisions').where('id', decisionId).update({ created_at: DateTime.fromJSDate(clockDate()).minus({ days: 14, minutes: 1 }).toJSDate() })
    )
    const late = await postJson(client, portal.host, author, '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'Слишком поздно, но всё же' })
    late.assertStatus(422)
    assert.equal(late.body().errors[0].message, 'Срок апелляции (14 дней) истёк.')
    assert.notInclude((await portalGet(client, portal, '/moderation/mine', author)).text(), `name="decisionId" value="${decisionId}"`)

    await inTenant(portal.tenant, () =>
      tenantDb().from('social_moderation_decisions').where('id', decisionId).update({ created_at: DateTime.fromJSDate(clockDate()).minus({ days: 13, hours: 23 }).toJSDate() })
    )
    ;(await postJson(client, portal.host, author, '/moderation/mine', '/moderation/appeals', { decisionId: String(decisionId), text: 'Ещё в срок: прошу пересмотреть' })).assertStatus(201)
  })

  test('sanctions: a suspension or a block stops publishing through mayPublish (until when and why); a warning does not; lifting and appeals; audited', async ({ assert, client }) => {
    const moderator = await session(client, portal.moderator.email)
    const tomorrow = DateTime.now().plus({ days: 1 })
    const bad = await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(third.id), kind: 'suspend', reason: 'Спам' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'until')
    const past = await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(third.id), kind: 'suspend', until: DateTime.now().toISODate()!, reason: 'Спам' })
    past.assertStatus(422)
    assert.equal(past.body().errors[0].message, 'Дата окончания должна быть позже сегодняшнего дня.')
    const self = await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(portal.moderator.id), kind: 'warn', reason: 'Себе' })
    self.assertStatus(422)
    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: '999999', kind: 'warn', reason: 'Никому' })).assertStatus(422)

    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(third.id), kind: 'warn', reason: 'Первое предупреждение' })).assertStatus(302)
    assert.deepEqual(await inTenant(portal.tenant, () => mayPublish(third.id)), { allowed: true })

    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(third.id), kind: 'suspend', until: tomorrow.toISODate()!, reason: 'Спам в замечаниях' })).assertStatus(302)
    const verdict = await inTenant(portal.tenant, () => mayPublish(third.id))
    assert.isFalse(verdict.allowed)
    if (!verdict.allowed) {
      assert.equal(verdict.reason, 'Спам в замечаниях')
      assert.equal(DateTime.fromJSDate(verdict.until!).setZone('Europe/Moscow').toISODate(), tomorrow.setZone('Europe/Moscow').toISODate())
    }
    const told = await notificationsOf(portal, third.id, 'social_moderation.sanctioned')
    assert.lengthOf(told, 2)
    const thirdNotifications = (await portalGet(client, portal, '/notifications', await session(client, third.email))).text()
    assert.include(thirdNotifications, `публикация приостановлена до ${tomorrow.setZone('Europe/Moscow').toFormat('dd.MM.yyyy')}. Причина: Спам в замечаниях`)
    // law-making remarks ask mayPublish too: read-only, told until when and why, nothing typed lost
    const { draft } = await remarkOn(portal, block, 'Приостановленный автор', portal.citizen, 'Замечание для страницы')
    const refused = await postJson(client, portal.host, await session(client, third.email), draft.page, `${draft.page}/remarks`, { text: 'Новое замечание во время приостановки' })
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].message, `Публикация приостановлена модератором до ${tomorrow.setZone('Europe/Moscow').toFormat('dd.MM.yyyy')}. Причина: Спам в замечаниях`)
    const refusedForm = await postFrom(client, portal.host, await session(client, third.email), draft.page, `${draft.page}/remarks`, { text: 'Набранный текст не теряется' })
    refusedForm.response.assertStatus(403)
    assert.include(refusedForm.response.text(), 'Набранный текст не теряется')
    const suspension = await inTenant(portal.tenant, () => tenantDb().from('social_sanctions').where({ user_id: third.id, kind: 'suspend' }).firstOrFail())
    assert.exists((await auditsOf(portal, 'social_moderation.sanction_imposed')).find((row) => row.subjectId === String(suspension.id)))

    // the same moderator may not decide the appeal; another overturns it: lifted
    const thirdSession = await session(client, third.email)
    assert.include((await portalGet(client, portal, '/moderation/mine', thirdSession)).text(), `name="sanctionId" value="${suspension.id}"`)
    ;(await postJson(client, portal.host, thirdSession, '/moderation/mine', '/moderation/appeals', { sanctionId: String(suspension.id), text: 'Это был не спам, а ссылки на документы' })).assertStatus(201)
    const appeal = await inTenant(portal.tenant, () => tenantDb().from('social_moderation_appeals').where('sanction_id', suspension.id).firstOrFail())
    ;(await postJson(client, portal.host, moderator, '/moderation/appeals', `/moderation/appeals/${appeal.id}/decide`, { outcome: 'overturned', reason: 'Сам и отменю' })).assertStatus(403)
    ;(await postJson(client, portal.host, await session(client, portal.admin.email), '/moderation/appeals', `/moderation/appeals/${appeal.id}/decide`, { outcome: 'overturned', reason: 'Ссылки по делу' })).assertStatus(302)
    assert.deepEqual(await inTenant(portal.tenant, () => mayPublish(third.id)), { allowed: true })

    // an indefinite block, lifted early by a moderator
    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', '/moderation/sanctions', { userId: String(fourth.id), kind: 'block', reason: 'Угрозы' })).assertStatus(302)
    const blocked = await inTenant(portal.tenant, () => mayPublish(fourth.id))
    assert.deepEqual(blocked, { allowed: false, until: null, reason: 'Угрозы' })
    const block4 = await inTenant(portal.tenant, () => tenantDb().from('social_sanctions').where({ user_id: fourth.id, kind: 'block' }).firstOrFail())
    const list = (await portalGet(client, portal, '/moderation/sanctions', moderator)).text()
    assert.match(list, new RegExp(`data-sanction="${block4.id}"[\\s\\S]*?бессрочно`))
    // while blocked, the public profile is gone for others (the user and moderators still see it)
    ;(await portalGet(client, portal, `/people/${fourth.id}`)).assertStatus(404)
    ;(await portalGet(client, portal, `/people/${fourth.id}`, await session(client, third.email))).assertStatus(404)
    ;(await portalGet(client, portal, `/people/${fourth.id}`, await session(client, fourth.email))).assertStatus(200)
    ;(await portalGet(client, portal, `/people/${fourth.id}`, moderator)).assertStatus(200)
    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', `/moderation/sanctions/${block4.id}/lift`, { reason: 'Извинился' })).assertStatus(302)
    assert.deepEqual(await inTenant(portal.tenant, () => mayPublish(fourth.id)), { allowed: true })
    ;(await portalGet(client, portal, `/people/${fourth.id}`)).assertStatus(200)
    ;(await postJson(client, portal.host, moderator, '/moderation/sanctions', `/moderation/sanctions/${block4.id}/lift`, { reason: 'Ещё раз' })).assertStatus(422)
    assert.exists((await auditsOf(portal, 'social_moderation.sanction_lifted')).find((row) => row.subjectId === String(block4.id)))
    assert.lengthOf(await notificationsOf(portal, fourth.id, 'social_moderation.sanction_lifted'), 1)
  })

  test('statistics: decision and appeal times, counts per kind, reason and month', async ({ assert, client }) => {
    await hiddenByModerator(client, 'Для статистики')
    const moderator = await session(client, portal.moderator.email)
    const page = await portalGet(client, portal, '/moderation/stats', moderator)
    page.assertStatus(200)
    const html = page.text()
    assert.notMatch(html, /@(if|end|each)\b/)
    assert.match(html, /data-time="decision_time"[\s\S]*?data-median>\d+(\.\d)? ч/)
    assert.match(html, /data-kind="lawmaking.remark"><th scope="row">Замечание к проекту акта<\/th><td>\d+/)
    assert.include(html, 'data-kind-reason="lawmaking.remark:offensive"')
    assert.include(html, `data-month="${DateTime.now().setZone('Europe/Moscow').toFormat('yyyy-MM')}"`)
  })
})

test.group('Social moderation | personal data', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('socmod_portal')
    block = await lawmakingBlock('socmod_block')
    fourth = await ensureUser(portal.tenant, 'citizen', 'fourth@socmod-portal.test')
  })

  test('a user\'s export has their flags, appeals and sanctions; deletion drops their comments and appeal texts', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (персональные данные)', portal.citizen, 'Замечание для выгрузки')
    ;(await flagRemark(client, portal, await session(client, fourth.email), draft.page, remark.id, 'personal_data', 'Здесь мой телефон')).assertStatus(201)
    const part = (await personalDataParts()).find((entry) => entry.name === 'moderation')!
    const exported = (await inTenant(portal.tenant, () => part.export(fourth.id))) as { flags: Array<{ kind: string; itemId: number; note: string }> }
    assert.deepInclude(exported.flags.map(({ kind, itemId, note }) => ({ kind, itemId, note })), { kind: 'lawmaking.remark', itemId: remark.id, note: 'Здесь мой телефон' })
    const theirs = (await inTenant(portal.tenant, () => part.export(portal.neighbour.id))) as { flags: Array<{ itemId: number }> }
    assert.notInclude(theirs.flags.map((flag) => flag.itemId), remark.id, 'only one\'s own')

    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => part.forget(fourth.id, trx)))
    const after = (await inTenant(portal.tenant, () => part.export(fourth.id))) as { flags: Array<{ itemId: number; note: string | null }> }
    assert.isNull(after.flags.find((flag) => flag.itemId === remark.id)!.note, 'the comment is gone, the waiting flag still counts')
    assert.equal((await caseOf(portal, remark.id)).open_flags, 1)
  })
})

test.group('Social moderation | isolation', (group) => {
  let other: ProblemsPortal
  group.setup(async () => {
    portal = await problemsPortal('socmod_portal')
    block = await lawmakingBlock('socmod_block')
    other = await problemsPortal('socmod_other')
  })

  test('another portal\'s queue, flags and appeals are its own', async ({ assert, client }) => {
    const { draft, remark } = await remarkOn(portal, block, 'О жалобах (изоляция)', portal.citizen, 'Замечание первого портала')
    ;(await flagRemark(client, portal, await session(client, portal.neighbour.email), draft.page, remark.id, 'spam')).assertStatus(201)
    const caseId = (await caseOf(portal, remark.id)).id

    const otherModerator = await sessionOf(client, other.host, other.moderator.email)
    const queue = (await client.get('/moderation?state=all').header('host', other.host).withCookie('krai-session', otherModerator)).text()
    assert.notInclude(queue, 'Замечание первого портала')
    assert.notInclude(queue, `data-case="${caseId}"`)
    const foreignHide = await postJson(client, other.host, otherModerator, '/moderation', `/moderation/cases/${caseId}/hide`, { reason: 'Чужое' })
    assert.include([404], foreignHide.status())
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)
    const otherCitizen = await sessionOf(client, other.host, other.neighbour.email)
    // the first portal's remark id means nothing (or another remark) on the other portal: never the first portal's
    const foreignFlag = await postJson(client, other.host, otherCitizen, '/moderation', '/moderation/flags', { kind: 'lawmaking.remark', id: String(remark.id), reason: 'spam' })
    assert.notEqual(foreignFlag.status(), 201)
    assert.equal((await caseOf(portal, remark.id)).open_flags, 1)

    // a body's tenant has no moderation pages at all
    const head = await sessionOf(client, block.host, block.head.email)
    for (const path of ['/moderation', '/moderation/mine', '/moderation/stats']) {
      ;(await client.get(path).header('host', block.host).withCookie('krai-session', head)).assertStatus(404)
    }
  })
})
