import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type Tenant from '#tenancy/tenant'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { problemsBlock, publishDirectoryOf, pump, sessionOf, type ProblemsBlock } from '#tests/helpers/problems'
import { sendFrom } from '#tests/helpers/bus'
import { KRYMSK_ROUTE, postForm, rowOf, suggestionsMunicipality, suggestionsPortal, type SuggestionsPortal } from '#tests/helpers/suggestions'
import RemindBodiesJob from '#modules/suggestions/jobs/remind_bodies_job'
import { moderatedKind } from '#modules/social/moderation/registry'
import { personalDataParts } from '#modules/social/profiles/personal_data'

let portal: SuggestionsPortal
let town: Awaited<ReturnType<typeof suggestionsMunicipality>>
let block: ProblemsBlock
let neighbourTown: Awaited<ReturnType<typeof suggestionsMunicipality>>

const valid = {
  category: 'other',
  title: 'Скамейки вдоль набережной реки Адагум',
  content: 'Вдоль набережной нет ни одной скамейки: пожилым людям негде отдохнуть во время прогулки.',
  municipalityCode: 'krymsky',
  bodySlug: 'krymsky',
}

/** A suggestion submitted by the citizen and published by the moderator; its id. */
async function published(client: any, fields: Record<string, string> = valid) {
  const author = await sessionOf(client, portal.host, portal.citizen.email)
  const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', fields, { json: true })
  submitted.assertStatus(200)
  const id = submitted.body().id as number
  const moderator = await sessionOf(client, portal.host, portal.moderator.email)
  ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)
  return id
}

test.group('Suggestions | bad input, XSS, isolation, reminders, Control', (group) => {
  group.setup(async () => {
    portal = await suggestionsPortal('sgs_portal')
    town = await suggestionsMunicipality('krymsky')
    block = await problemsBlock('sgs_roads')
    await publishDirectoryOf(town)
    await publishDirectoryOf(block)
    neighbourTown = await suggestionsMunicipality('seversky')
    await publishDirectoryOf(neighbourTown)
    await pump([portal.tenant, town.tenant, block.tenant, neighbourTown.tenant])
  })

  test('bad input is a 422 with per-field messages in Russian and English, the route checked on the server', async ({ assert, client }) => {
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const post = (fields: Record<string, string>, locale: 'ru' | 'en' = 'ru', files?: any[]) =>
      postForm(client, portal.host, author, '/suggestions/new', '/suggestions', fields, { json: true, locale, files })
    const fieldsOf = (response: any) => Object.fromEntries(response.body().errors.map((error: any) => [error.field, error.message]))

    const empty = await post({})
    empty.assertStatus(422)
    assert.includeMembers(Object.keys(fieldsOf(empty)), ['category', 'title', 'content', 'municipalityCode', 'bodySlug'])
    assert.match(fieldsOf(empty).content, /Заполните поле «Суть предложения»/)
    const emptyEn = await post({}, 'en')
    assert.match(fieldsOf(emptyEn).content, /The suggestion/)

    const route = { ...valid, category: 'transport_route' }
    const cases: Array<[string, string, RegExp, RegExp]> = [
      ['', 'route', /Нарисуйте маршрут/, /Draw the route/],
      ['not json', 'route', /GeoJSON LineString/, /GeoJSON LineString/],
      [JSON.stringify({ type: 'Point', coordinates: [38, 45] }), 'route', /GeoJSON LineString/, /GeoJSON LineString/],
      [JSON.stringify({ type: 'LineString', coordinates: [[38, 45]] }), 'route', /не меньше двух/, /at least two/],
      [JSON.stringify({ type: 'LineString', coordinates: [[38, 45], [38, 45]] }), 'route', /не меньше двух/, /at least two/],
      [JSON.stringify({ type: 'LineString', coordinates: [[38, 45], [200, 45]] }), 'route', /вне допустимых/, /out of range/],
      [JSON.stringify({ type: 'LineString', coordinates: [[38, 45], ['38', 46]] }), 'route', /GeoJSON LineString/, /GeoJSON LineString/],
      [JSON.stringify({ type: 'LineString', coordinates: Array.from({ length: 501 }, (_, i) => [38 + i / 1000, 45]) }), 'route', /не больше 500/, /at most 500/],
    ]
    for (const [value, field, ru, en] of cases) {
      const fields = value ? { ...route, route: value } : route
      const inRussian = await post(fields)
      inRussian.assertStatus(422)
      assert.match(fieldsOf(inRussian)[field], ru, value.slice(0, 60))
      assert.match(fieldsOf(await post(fields, 'en'))[field], en, value.slice(0, 60))
    }
    // a route belongs to the route category only
    assert.match(fieldsOf(await post({ ...valid, route: JSON.stringify(KRYMSK_ROUTE) })).route, /только для категории/)
    // the body is a choice from the directory, and a municipality's administration answers for its own territory
    assert.match(fieldsOf(await post({ ...valid, bodySlug: 'Минтранс' })).bodySlug, /не найдено/)
    assert.match(fieldsOf(await post({ ...valid, bodySlug: 'seversky' })).bodySlug, /только по своей территории/)
    assert.match(fieldsOf(await post({ ...valid, bodySlug: 'seversky' }, 'en')).bodySlug, /own territory/)
    assert.equal(Object.keys(fieldsOf(await post({ ...valid, municipalityCode: 'atlantis' })))[0], 'municipalityCode')
    assert.equal(Object.keys(fieldsOf(await post({ ...valid, linkType: 'problem', linkId: '999999' })))[0], 'linkId')
    // an attachment that is neither an image nor a safe PDF
    const fake = await post(valid, 'ru', [{ name: 'attachments[]', buffer: Buffer.from('MZ not an image'), filename: 'photo.jpg' }])
    fake.assertStatus(422)
    assert.match(Object.values(fieldsOf(fake))[0] as string, /не является изображением/)
    const scripted = Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n')
    ;(await post(valid, 'ru', [{ name: 'attachments[]', buffer: scripted, filename: 'plan.pdf' }])).assertStatus(422)
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
    // nothing of the refused ones was saved; a clean PDF goes through
    assert.equal(Number((await inTenant(portal.tenant, () => tenantDb().from('suggestions').count('* as n').first())).n), 0)
    ;(await post(valid, 'ru', [{ name: 'attachments[]', buffer: pdf, filename: 'plan.pdf' }])).assertStatus(200)
  })

  test('text is escaped everywhere: the page, the catalogue, the queue and the body’s inbox', async ({ assert, client }) => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    // in the moderators' queue, before it is published
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    const queued = await postForm(client, portal.host, neighbour, '/suggestions/new', '/suggestions', { ...valid, title: `Очередь ${payload}`, content: `Текст в очереди модерации. ${payload}` }, { json: true })
    queued.assertStatus(200)
    const queue = await client.get('/suggestions/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.notInclude(queue.text(), '<script>alert(1)')
    assert.include(queue.text(), 'Очередь &lt;script&gt;')
    const id = await published(client, { ...valid, title: `Скамейки ${payload}`, content: `Нужны скамейки вдоль набережной. ${payload}` })
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/send`, {})).assertStatus(302)
    await pump([portal.tenant, town.tenant, block.tenant])
    const found = await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id })
    const head = await sessionOf(client, town.host, town.head.email)
    const pages = [
      await client.get(`/suggestions/${id}`).header('host', portal.host),
      await client.get('/suggestions').header('host', portal.host),
      await client.get(`/suggestions/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, head),
      await client.get('/suggestions/inbox').header('host', town.host).withCookie(SESSION_COOKIE, head),
    ]
    for (const [index, page] of pages.entries()) {
      page.assertStatus(200)
      assert.notInclude(page.text(), '<script>alert(1)', `page ${index}`)
      assert.notInclude(page.text(), '<img src=x', `page ${index}`)
      assert.include(page.text(), '&lt;script&gt;', `page ${index}`)
    }
  })

  test('isolation: another portal, a body it is not addressed to, the wrong tenant kind, a forged answer', async ({ assert, client }) => {
    const id = await published(client)
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/send`, {})).assertStatus(302)
    await pump([portal.tenant, town.tenant, block.tenant])
    const found = await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id })

    const other = await ensureTenant('sgs_other', 'portal')
    ;(await client.get(`/suggestions/${id}`).header('host', hostOf(other))).assertStatus(404)
    assert.notInclude((await client.get('/suggestions').header('host', hostOf(other))).text(), 'Скамейки вдоль набережной')
    // a block's head: its inbox does not have it, the town's case id is 404 there
    const blockHead = await sessionOf(client, block.host, block.head.email)
    assert.notInclude((await client.get('/suggestions/inbox').header('host', block.host).withCookie(SESSION_COOKIE, blockHead)).text(), 'Скамейки')
    ;(await client.get(`/suggestions/inbox/${found.id}`).header('host', block.host).withCookie(SESSION_COOKIE, blockHead)).assertStatus(404)
    // portal pages are not on a body's host, the inbox is not on the portal
    ;(await client.get(`/suggestions/${id}`).header('host', town.host)).assertStatus(404)
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    ;(await client.get('/suggestions/inbox').header('host', portal.host).withCookie(SESSION_COOKIE, admin)).assertStatus(404)
    // the town's schema is out of the portal's reach and vice versa
    await assert.rejects(() => inTenant(portal.tenant, () => tenantDb().rawQuery(`select * from tenant_${town.tenant.slug}.suggestion_cases`)))
    await assert.rejects(() => inTenant(town.tenant, () => tenantDb().rawQuery(`select * from tenant_${portal.tenant.slug}.suggestions`)))
    // a block that the suggestion is not addressed to cannot answer it over the bus
    await sendFrom(block.tenant, portal.tenant.slug, 'suggestions.answered', [
      { suggestionId: id, round: 1, kind: 'accepted', text: 'Подделка ответа', answeredAt: new Date().toISOString() },
    ])
    await pump([portal.tenant, town.tenant, block.tenant])
    assert.equal((await rowOf(portal.tenant, 'suggestions', { id })).status, 'sent')
    // citizens and moderators of the portal without a role there see no moderation or thresholds
    const citizen = await sessionOf(client, portal.host, portal.neighbour.email)
    ;(await client.get('/suggestions/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(403)
    ;(await client.get('/suggestions/admin/thresholds').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)).assertStatus(403)
    ;(await postForm(client, portal.host, citizen, `/suggestions/${id}`, `/suggestions/${id}/hide`, { reason: 'не нравится' })).assertStatus(403)
  })

  test('hidden through the moderation contract: gone from the catalogue, the map and its page, except for the author and moderators', async ({ assert, client }) => {
    const id = await published(client, { ...valid, title: 'Скамейки у парка', lat: '44.93', lng: '38.06' })
    const kind = (await moderatedKind('suggestions.suggestion'))!
    const content = await inTenant(portal.tenant, () => kind.load(id))
    assert.equal(content!.authorUserId, portal.citizen.id)
    assert.isFalse(content!.hidden)
    const onMap = async () => (await client.get('/suggestions/map.json').header('host', portal.host)).body().data.map((item: { id: number }) => item.id)
    assert.include(await onMap(), id)
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => kind.setHidden(id, true, trx)))
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host)).assertStatus(404)
    assert.notInclude((await client.get('/suggestions').header('host', portal.host)).text(), `data-suggestion="${id}"`)
    assert.notInclude(await onMap(), id)
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const own = await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, author)
    own.assertStatus(200)
    assert.equal(own.header('x-robots-tag'), 'noindex, nofollow')
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postForm(client, portal.host, moderator, `/suggestions/${id}`, `/suggestions/${id}/restore`, { reason: 'ошибочное скрытие' })).assertStatus(302)
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host)).assertStatus(200)
    assert.isNotNull(await rowOf(portal.tenant, 'audit_entries', { action: 'suggestions.restored', subject_id: String(id) }))
  })

  test('reminders two days before the deadline and escalation after it, once per round (the app clock)', async ({ assert }) => {
    const deadline = DateTime.fromISO('2031-03-10T12:00:00', { zone: 'Europe/Moscow' })
    const caseId = await inTenant(neighbourTown.tenant, async () => {
      const [row] = await tenantDb()
        .insertQuery()
        .table('suggestion_cases')
        .insert({
          origin_tenant: portal.tenant.slug, origin_suggestion_id: 987654, round: 1, category: 'other', title: 'Напоминание о предложении',
          content: 'Текст предложения для напоминаний.', municipality_code: 'krymsky', supports: 0, portal_url: '/suggestions/987654',
          status: 'open', deadline: deadline.toJSDate(), received_at: deadline.minus({ days: 10 }).toJSDate(),
        })
        .returning('id')
      return row.id as number
    })
    const run = (now: DateTime) => inTenant(neighbourTown.tenant, () => new RemindBodiesJob().handle({ now: now.toISO()! }))
    assert.deepEqual(await run(deadline.minus({ hours: 72 })), { reminded: 0, escalated: 0 })
    assert.deepEqual(await run(deadline.minus({ hours: 47 })), { reminded: 1, escalated: 0 })
    assert.deepEqual(await run(deadline.minus({ hours: 40 })), { reminded: 0, escalated: 0 })
    assert.deepEqual(await run(deadline.plus({ hours: 1 })), { reminded: 0, escalated: 1 })
    assert.deepEqual(await run(deadline.plus({ hours: 5 })), { reminded: 0, escalated: 0 })
    const notes = await inTenant(neighbourTown.tenant, () => tenantDb().from('notifications').where('link', `/suggestions/inbox/${caseId}`).select('kind', 'user_id'))
    assert.includeDeepMembers(notes, [{ kind: 'suggestion.deadline_soon', user_id: neighbourTown.head.id }, { kind: 'suggestion.overdue', user_id: neighbourTown.head.id }])
    assert.notInclude(notes.filter((note) => note.kind === 'suggestion.overdue').map((note) => note.user_id), neighbourTown.housingExecutor.id)
  })

  test('the Department of Control sees every body’s suggestions in the rollup, without personal data or texts', async ({ assert, client }) => {
    const control: Tenant = await ensureTenant('sgs_control', 'control')
    const head = await ensureUser(control, 'head', 'head@sgs-control.test')
    await rollupReady()
    const columns = await inTenant(control, () =>
      tenantDb().rawQuery(`select column_name from information_schema.columns where table_schema = 'rollup' and table_name = 'suggestion_cases'`)
    )
    const names = columns.rows.map((row: { column_name: string }) => row.column_name)
    assert.includeMembers(names, ['block', 'status', 'deadline', 'answer_kind'])
    for (const secret of ['title', 'content', 'route', 'answer_text', 'answered_by']) assert.notInclude(names, secret)
    const session = await sessionOf(client, hostOf(control), head.email)
    const page = await client.get('/suggestions/control').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    assert.include(page.text(), `data-control-body="krymsky"`)
    assert.notInclude(page.text(), 'Скамейки')
    assert.notInclude(page.text(), portal.citizen.email)
  })

  test('personal data: the export holds one’s suggestions and supports; deletion keeps public ones as a deleted user’s', async ({ assert }) => {
    const part = (await personalDataParts()).find((entry) => entry.name === 'suggestions')!
    const exported = (await inTenant(portal.tenant, () => part.export(portal.citizen.id))) as any
    assert.isAbove(exported.suggestions.length, 0)
    const kept = exported.suggestions.filter((row: any) => row.status !== 'moderation' && row.status !== 'declined').map((row: any) => row.id)
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => part.forget(portal.citizen.id, trx)))
    const left = await inTenant(portal.tenant, () => tenantDb().from('suggestions').whereIn('id', kept).select('author_id'))
    assert.equal(left.length, kept.length)
    assert.isTrue(left.every((row) => row.author_id === null))
  })

  test('a citizen suspended by a moderator cannot submit: 422 saying until when and why', async ({ assert, client }) => {
    await inTenant(portal.tenant, () =>
      tenantDb().table('social_sanctions').insert({
        user_id: portal.third.id, kind: 'suspend', reason: 'Оскорбления в комментариях', starts_at: new Date(Date.now() - 60_000),
        until: DateTime.now().plus({ days: 7 }).toJSDate(), created_by: portal.moderator.id, created_at: new Date(),
      })
    )
    const session = await sessionOf(client, portal.host, portal.third.email)
    const refused = await postForm(client, portal.host, session, '/suggestions/new', '/suggestions', { ...valid, title: 'Предложение под запретом' }, { json: true })
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'title')
    assert.include(refused.body().errors[0].message, 'Оскорбления в комментариях')
    assert.isNull(await rowOf(portal.tenant, 'suggestions', { title: 'Предложение под запретом' }))
  })

  test('rate limit: at most 5 suggestions an hour per citizen (429)', async ({ client }) => {
    const session = await sessionOf(client, portal.host, portal.fourth.email)
    for (let i = 0; i < 5; i++) {
      ;(await postForm(client, portal.host, session, '/suggestions/new', '/suggestions', { ...valid, title: `Предложение номер ${i + 1}` }, { json: true })).assertStatus(200)
    }
    ;(await postForm(client, portal.host, session, '/suggestions/new', '/suggestions', { ...valid, title: 'Шестое предложение' }, { json: true })).assertStatus(429)
  })
})
