import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import limiter from '@adonisjs/limiter/services/main'
import { regionToday } from '#core/region_time'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Remark from '#modules/lawmaking/models/remark'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postFrom, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { withEnv } from '#tests/helpers/bus'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { openPortalDraft, portalGet } from '#tests/helpers/lawmaking_portal'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

/** A published draft's portal id and the key of its first article. */
const openDraft = (title: string) => openPortalDraft(portal, block, { title })

/** Posts a form from a page as JSON (`Accept: application/json`), with the page's CSRF token. */
async function postJson(client: ApiClient, session: string, page: string, action: string, fields: Record<string, string>) {
  const form = await portalGet(client, portal, page, session)
  return client
    .post(action)
    .header('host', portal.host)
    .header('accept', 'application/json')
    .header('referer', `http://${portal.host}${page}`)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(form.text()), ...fields })
    .redirects(0)
}

function remarksOf(userId: number, draftId: number) {
  return inTenant(portal.tenant, () => Remark.query().where('author_id', userId).where('draft_id', draftId).orderBy('id'))
}

test.group('Lawmaking | portal remarks: form, replies, support, limits, moderation', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmremarks_portal')
    block = await lawmakingBlock('lmremarks_block')
  })

  test('a citizen remarks through the form with proposed wording; a neighbour replies and supports; counts and "my remarks" show it', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (замечания)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const form = await portalGet(client, portal, page, citizen)
    assert.include(form.text(), 'data-remark-form')

    const sent = await submitForm(client, portal.host, citizen, page, `${page}/remarks`, {
      text: 'Уточнить круг регулируемых отношений',
      fragment: 'регулирует отношения',
      proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.',
      reason: 'Так точнее',
    })
    sent.assertStatus(200)
    assert.include(sent.text(), 'Замечание отправлено разработчику')
    const [remark] = await remarksOf(portal.citizen.id, draft.id)
    assert.equal(remark.proposedWording, 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.')
    assert.equal(remark.fragment, 'регулирует отношения')
    assert.match(sent.text(), new RegExp(`id="remark-${remark.id}"[\\s\\S]*?<q>регулирует отношения</q>[\\s\\S]*?Уточнить круг регулируемых отношений[\\s\\S]*?data-proposed>`))
    await pump(all())
    const received = await inTenant(block.tenant, () => ReceivedRemark.query().where('draft_id', draft.draftId))
    assert.lengthOf(received, 1, 'the remark reached the developer')

    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    const replied = await submitForm(client, portal.host, neighbour, page, `/lawmaking/remarks/${remark.id}/replies`, { reply: 'Полностью согласен', parentId: String(remark.id) })
    assert.include(replied.text(), 'Ответ опубликован')
    assert.match(replied.text(), new RegExp(`id="remark-${remark.id}"[\\s\\S]*?<ol class="lm-replies"[\\s\\S]*?Полностью согласен`))
    const supported = await submitForm(client, portal.host, neighbour, page, `/lawmaking/remarks/${remark.id}/support`, {})
    assert.include(supported.text(), 'Вы поддержали замечание')
    assert.include(supported.text(), 'data-support-count="1">Поддержали: 1')
    assert.include(supported.text(), 'aria-pressed="true">Отозвать поддержку')
    const withdrawn = await postJson(client, neighbour, page, `/lawmaking/remarks/${remark.id}/support`, {})
    assert.deepInclude(withdrawn.body(), { supported: false, supportCount: 0 })
    ;(await postJson(client, neighbour, page, `/lawmaking/remarks/${remark.id}/support`, {})).assertStatus(200)
    // the author does not support their own remark
    ;(await postFrom(client, portal.host, citizen, page, `/lawmaking/remarks/${remark.id}/support`, {})).response.assertStatus(403)

    const draftPage = await portalGet(client, portal, `/lawmaking/drafts/${draft.id}`)
    assert.match(draftPage.text(), new RegExp(`/clauses/${draft.article1}" data-remarks="1">1 замечание`), 'a reply is not counted as a remark')
    const catalogue = await portalGet(client, portal, '/lawmaking')
    assert.match(catalogue.text(), new RegExp(`data-draft="${draft.id}"[\\s\\S]*?1 замечание`))

    const mine = await portalGet(client, portal, '/lawmaking/my-remarks', citizen)
    assert.match(mine.text(), new RegExp(`data-my-remark="${remark.id}"[\\s\\S]*?О добровольчестве \\(замечания\\)[\\s\\S]*?Статья 1[\\s\\S]*?Решение разработчика ещё не принято`))
    const theirs = await portalGet(client, portal, '/lawmaking/my-remarks', neighbour)
    assert.include(theirs.text(), 'Полностью согласен')
    assert.notInclude(theirs.text(), `data-my-remark="${remark.id}"`)
    ;(await portalGet(client, portal, '/lawmaking/my-remarks').redirects(0)).assertStatus(302)
  })

  test('bad input is refused per field in Russian and what was typed stays in the form', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (ошибки)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const empty = await submitForm(client, portal.host, citizen, page, `${page}/remarks`, { text: '', proposedWording: 'Моя редакция статьи' })
    assert.include(empty.text(), 'Заполните поле «Текст замечания»')
    assert.match(empty.text(), /<textarea id="remark-proposed" name="proposedWording"[^>]*>Моя редакция статьи<\/textarea>/)

    const short = await postJson(client, citizen, page, `${page}/remarks`, { text: 'ab' })
    short.assertStatus(422)
    assert.deepInclude(short.body().errors[0], { field: 'text', message: 'Поле «Текст замечания» должно содержать не меньше 3 символов' })
    const fragment = await postJson(client, citizen, page, `${page}/remarks`, { text: 'Неточная формулировка', fragment: 'такого текста в пункте нет' })
    fragment.assertStatus(422)
    assert.deepInclude(fragment.body().errors[0], { field: 'fragment', message: 'Выделенный фрагмент не найден в тексте пункта' })
    assert.lengthOf(await remarksOf(portal.citizen.id, draft.id), 0)
  })

  test('anonymous visitors read but do not post; an unconfirmed citizen is asked to confirm first', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (доступ)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const anonymous = await portalGet(client, portal, page)
    anonymous.assertStatus(200)
    assert.include(anonymous.text(), 'data-sign-in')
    assert.notInclude(anonymous.text(), 'data-remark-form')
    const { response } = await postFrom(client, portal.host, undefined, page, `${page}/remarks`, { text: 'Аноним пишет' })
    response.assertStatus(302)
    assert.equal(response.header('location'), '/login')

    const unconfirmed = await ensureUser(portal.tenant, 'citizen', 'unconfirmed@lmremarks-portal.test')
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: unconfirmed.id }, { displayName: 'Новичок', emailConfirmedAt: null }))
    const session = await sessionOf(client, portal.host, unconfirmed.email)
    const form = await portalGet(client, portal, page, session)
    assert.include(form.text(), 'data-unconfirmed')
    assert.notInclude(form.text(), 'data-remark-form')
    const refused = await postFrom(client, portal.host, session, page, `${page}/remarks`, { text: 'Хочу замечание' })
    refused.response.assertStatus(302)
    const shown = await portalGet(client, portal, page, session)
    assert.include(shown.text(), '<div class="alert alert--error" role="alert">Подтвердите адрес электронной почты')
    ;(await postJson(client, session, page, `${page}/remarks`, { text: 'Хочу замечание' })).assertStatus(403)
    assert.lengthOf(await remarksOf(unconfirmed.id, draft.id), 0)
  })

  test('past LAWMAKING_REMARKS_PER_HOUR a remark is refused with 429 and the typed text stays', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (лимит)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const citizen = await ensureUser(portal.tenant, 'citizen', 'limited@lmremarks-portal.test')
    await withEnv({ LAWMAKING_REMARKS_PER_HOUR: 2 }, async () => {
      await limiter.use({ requests: 2, duration: '1 hour' }).delete(`lawmaking:remarks:${portal.tenant.slug}:${citizen.id}`)
      const session = await sessionOf(client, portal.host, citizen.email)
      for (const text of ['Первое замечание', 'Второе замечание']) {
        ;(await postFrom(client, portal.host, session, page, `${page}/remarks`, { text })).response.assertStatus(302)
      }
      const { response } = await postFrom(client, portal.host, session, page, `${page}/remarks`, { text: 'Третье замечание подряд', reason: 'Важное обоснование' })
      response.assertStatus(429)
      assert.include(response.text(), 'Слишком много замечаний за последний час')
      assert.match(response.text(), /<textarea id="remark-text" name="text"[^>]*>Третье замечание подряд<\/textarea>/)
      assert.match(response.text(), /<textarea id="remark-reason" name="reason"[^>]*>Важное обоснование<\/textarea>/)
      ;(await postJson(client, session, page, `${page}/remarks`, { text: 'Четвёртое' })).assertStatus(429)
    })
    assert.deepEqual((await remarksOf(citizen.id, draft.id)).map((remark) => remark.text), ['Первое замечание', 'Второе замечание'])
  })

  test('after the period a remark is refused with 409 naming the end date (HTML and JSON)', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (после срока)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const before = await portalGet(client, portal, page, citizen)
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await pump(all())
    const endsOn = regionToday().plus({ days: 14 }).toFormat('dd.LL.yyyy')

    const late = await client
      .post(`${page}/remarks`)
      .header('host', portal.host)
      .header('referer', `http://${portal.host}${page}`)
      .withCookie(SESSION_COOKIE, citizen)
      .form({ _csrf: csrfTokenFrom(before.text()), text: 'Опоздавшее замечание' })
      .redirects(0)
    late.assertStatus(409)
    assert.include(late.text(), `Обсуждение завершено ${endsOn}: замечания больше не принимаются`)
    assert.notInclude(late.text(), 'data-remark-form')
    const json = await postJson(client, citizen, page, `${page}/remarks`, { text: 'Опоздавшее замечание' })
    json.assertStatus(409)
    assert.include(json.body().errors[0].message, endsOn)
    assert.lengthOf(await remarksOf(portal.citizen.id, draft.id), 0)
    assert.include((await portalGet(client, portal, page)).text(), `Обсуждение завершено ${endsOn}`)
  })

  test('a moderator hides a remark with a reason (audited, on the timeline): others no longer see it, its author and moderators see it marked; restored', async ({ assert, client }) => {
    const draft = await openDraft('О добровольчестве (модерация)')
    const page = `/lawmaking/drafts/${draft.id}/clauses/${draft.article1}`
    const remark = await inTenant(portal.tenant, async () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text: 'Грубый текст замечания' }, await User.findOrFail(portal.citizen.id)))
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    ;(await postFrom(client, portal.host, neighbour, page, `/lawmaking/remarks/${remark.id}/hide`, { reason: 'Не нравится' })).response.assertStatus(403)

    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const noReason = await submitForm(client, portal.host, moderator, page, `/lawmaking/remarks/${remark.id}/hide`, { reason: '' })
    assert.include(noReason.text(), 'Заполните поле «Обоснование»')
    assert.isNull((await inTenant(portal.tenant, () => Remark.findOrFail(remark.id))).hiddenAt)
    ;(await submitForm(client, portal.host, moderator, page, `/lawmaking/remarks/${remark.id}/hide`, { reason: 'Оскорбления' })).assertStatus(200)

    assert.notInclude((await portalGet(client, portal, page)).text(), 'Грубый текст замечания')
    assert.notInclude((await portalGet(client, portal, page, neighbour)).text(), 'Грубый текст замечания')
    ;(await postFrom(client, portal.host, neighbour, page, `/lawmaking/remarks/${remark.id}/support`, {})).response.assertStatus(404)
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    for (const session of [author, moderator]) {
      const seen = await portalGet(client, portal, page, session)
      assert.match(seen.text(), new RegExp(`id="remark-${remark.id}"[\\s\\S]*?data-hidden>Скрыто модератором: Оскорбления[\\s\\S]*?Грубый текст замечания`))
    }
    assert.match((await portalGet(client, portal, `/lawmaking/drafts/${draft.id}`)).text(), new RegExp(`/clauses/${draft.article1}" data-remarks="0"`))
    const timeline = await portalGet(client, portal, `/lawmaking/drafts/${draft.id}`)
    assert.include(timeline.text(), `Замечание №${remark.id} скрыто модератором`)
    assert.include(timeline.text(), 'Оскорбления')
    assert.notInclude(timeline.text(), 'Грубый текст замечания')

    ;(await submitForm(client, portal.host, moderator, page, `/lawmaking/remarks/${remark.id}/restore`, { reason: 'Автор исправил' })).assertStatus(200)
    assert.include((await portalGet(client, portal, page)).text(), 'Грубый текст замечания')
    const audit = await inTenant(portal.tenant, () => AuditEntry.query().where('subject_type', 'lawmaking_remark').where('subject_id', String(remark.id)).orderBy('id'))
    assert.deepEqual(audit.map((entry) => [entry.action, entry.details.reason, entry.actorId]), [
      ['lawmaking.remark_hidden', 'Оскорбления', portal.moderator.id],
      ['lawmaking.remark_restored', 'Автор исправил', portal.moderator.id],
    ])
  })
})
