import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { photoWithExif, problemsBlock, publishDirectoryOf, pump, sessionOf, type ProblemsBlock } from '#tests/helpers/problems'
import { KRYMSK_ROUTE, postForm, rowOf, suggestionsMunicipality, suggestionsPortal, type SuggestionsPortal } from '#tests/helpers/suggestions'

let portal: SuggestionsPortal
let town: Awaited<ReturnType<typeof suggestionsMunicipality>>
let block: ProblemsBlock

const routeFields = (title: string) => ({
  category: 'transport_route',
  title,
  content: 'Продлить автобусный маршрут № 5 до нового микрорайона: жителям приходится идти два километра до остановки.',
  route: JSON.stringify(KRYMSK_ROUTE),
  municipalityCode: 'krymsky',
  bodySlug: 'krymsky',
})

test.group('Suggestions | lifecycle over the bus', (group) => {
  group.setup(async () => {
    portal = await suggestionsPortal('sg_portal')
    town = await suggestionsMunicipality('krymsky')
    block = await problemsBlock('sg_roads')
    await publishDirectoryOf(town)
    await publishDirectoryOf(block)
    await pump([portal.tenant, town.tenant, block.tenant])
    await inTenant(portal.tenant, () => tenantDb().from('suggestion_categories').update({ threshold: 100 }))
  })

  test('submit → moderate → three supports send it to the municipality → accepted with an order → published', async ({ assert, client }) => {
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    // the admin sets the route category's threshold to 3
    const saved = await postForm(client, portal.host, admin, '/suggestions/admin/thresholds', '/suggestions/admin/thresholds', {
      'thresholds[transport_organisation]': '50',
      'thresholds[transport_route]': '3',
      'thresholds[regulation]': '50',
      'thresholds[order_change]': '50',
      'thresholds[other]': '50',
    })
    saved.assertStatus(302)
    assert.equal((await rowOf(portal.tenant, 'suggestion_categories', { code: 'transport_route' })).threshold, 3)

    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const photo = await photoWithExif(2000, 1500)
    const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', routeFields('Продлить автобус № 5 до микрорайона Южный'), {
      files: [{ name: 'attachments[]', buffer: photo, filename: 'stop.jpg' }],
    })
    submitted.assertStatus(302)
    const id = Number(String(submitted.header('location')).split('/').pop())
    const row = await rowOf(portal.tenant, 'suggestions', { id })
    assert.equal(row.status, 'moderation')
    assert.deepEqual(row.route, KRYMSK_ROUTE)
    assert.equal(row.body_name_ru.length > 0, true)
    // the attachment is re-encoded: at most 1600 px a side, no EXIF
    const attachment = await rowOf(portal.tenant, 'suggestion_attachments', { suggestion_id: id })
    const meta = await sharp(Buffer.from(await drive.use().getBytes(attachment.storage_key))).metadata()
    assert.isAtMost(meta.width!, 1600)
    assert.isUndefined(meta.exif)

    // in moderation: 404 for anybody but its author and moderators; not in the catalogue
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/suggestions/${id}/attachments/${attachment.id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, author)).assertStatus(200)
    assert.notInclude((await client.get('/suggestions').header('host', portal.host)).text(), `data-suggestion="${id}"`)

    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const queue = await client.get('/suggestions/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.include(queue.text(), `data-queue-item="${id}"`)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)

    // public: in the catalogue (filtered), on the map as a line, offered as similar
    const catalogue = await client.get('/suggestions').qs({ category: 'transport_route', municipality: 'krymsky' }).header('host', portal.host)
    assert.include(catalogue.text(), `data-suggestion="${id}"`)
    const map = await client.get('/suggestions/map.json').qs({ bbox: '44.9,38.0,45.0,38.1' }).header('host', portal.host)
    const feature = map.body().data.find((item: any) => item.id === id)
    assert.deepEqual(feature.geometry, KRYMSK_ROUTE)
    assert.notProperty(feature, 'author_id')
    const elsewhere = await client.get('/suggestions/map.json').qs({ bbox: '43.5,39.6,43.7,39.8' }).header('host', portal.host)
    assert.isUndefined(elsewhere.body().data.find((item: any) => item.id === id))
    const similar = await client.get('/suggestions/similar').qs({ title: 'автобусы до Южного микрорайона' }).header('host', portal.host)
    assert.include(similar.body().data.map((item: any) => item.id), id)

    // the author may not support their own; each supporter once
    ;(await postForm(client, portal.host, author, `/suggestions/${id}`, `/suggestions/${id}/support`, {}, { json: true })).assertStatus(403)
    for (const [index, user] of [portal.neighbour, portal.third, portal.fourth].entries()) {
      const session = await sessionOf(client, portal.host, user.email)
      const supported = await postForm(client, portal.host, session, `/suggestions/${id}`, `/suggestions/${id}/support`, {}, { json: true })
      supported.assertStatus(200)
      assert.equal(supported.body().supports, index + 1)
      assert.equal(supported.body().sent, index === 2)
      if (index === 0) {
        const twice = await postForm(client, portal.host, session, `/suggestions/${id}`, `/suggestions/${id}/support`, {}, { json: true })
        assert.equal(twice.status() === 403 || twice.body().supports === 1, true)
        assert.equal((await rowOf(portal.tenant, 'suggestions', { id })).supports_count, 1)
      }
    }
    const sent = await rowOf(portal.tenant, 'suggestions', { id })
    assert.equal(sent.status, 'sent')
    assert.equal(sent.round, 1)

    await pump([portal.tenant, town.tenant, block.tenant])
    const found = await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id })
    assert.equal(found.status, 'open')
    assert.equal(found.supports, 3)
    assert.deepEqual(found.route, KRYMSK_ROUTE)
    // nothing of the author crossed: no column holds a name or an e-mail
    assert.notInclude(JSON.stringify(found), portal.citizen.email)
    // the block it is not addressed to has nothing
    assert.isNull(await rowOf(block.tenant, 'suggestion_cases', { origin_suggestion_id: id }))

    // the head sees it and answers; a controller reads it without the answer form
    const head = await sessionOf(client, town.host, town.head.email)
    const inbox = await client.get('/suggestions/inbox').header('host', town.host).withCookie(SESSION_COOKIE, head)
    assert.include(inbox.text(), `data-case="${found.id}"`)
    const controller = await sessionOf(client, town.host, town.controller.email)
    const seen = await client.get(`/suggestions/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, controller)
    seen.assertStatus(200)
    assert.notInclude(seen.text(), 'data-answer-form')
    ;(await postForm(client, town.host, controller, `/suggestions/inbox/${found.id}`, `/suggestions/inbox/${found.id}/answer`, { kind: 'rejected', answer: 'Контролёр не отвечает за орган.' })).assertStatus(403)
    const executor = await sessionOf(client, town.host, town.housingExecutor.email)
    ;(await client.get('/suggestions/inbox').header('host', town.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)

    const answerPage = await client.get(`/suggestions/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, head)
    assert.include(answerPage.text(), 'data-answer-form')
    const answered = await postForm(client, town.host, head, `/suggestions/inbox/${found.id}`, `/suggestions/inbox/${found.id}/answer`, {
      kind: 'accepted',
      answer: 'Маршрут № 5 будет продлён с 1 марта, остановка у школы.',
      departmentId: String(town.departments.roads.id),
    })
    answered.assertStatus(302)
    const closed = await rowOf(town.tenant, 'suggestion_cases', { id: found.id })
    assert.equal(closed.status, 'accepted')
    assert.isNotNull(closed.order_id)
    const order = await rowOf(town.tenant, 'orders', { id: closed.order_id })
    assert.equal(order.status, 'issued')
    assert.include(order.basis, `№ ${id}`)
    // audit entry of the privileged action
    assert.isNotNull(await rowOf(town.tenant, 'audit_entries', { action: 'suggestions.answered', subject_id: String(found.id) }))
    // a second answer is refused
    ;(await postForm(client, town.host, head, `/suggestions/inbox/${found.id}`, `/suggestions/inbox/${found.id}/answer`, { kind: 'rejected', answer: 'Передумали, отклоняем.' }, { json: true })).assertStatus(409)

    await pump([portal.tenant, town.tenant, block.tenant])
    const published = await rowOf(portal.tenant, 'suggestions', { id })
    assert.equal(published.status, 'accepted')
    assert.equal(published.order_number, order.number)
    assert.isTrue(published.answered_in_time)
    const page = await client.get(`/suggestions/${id}`).header('host', portal.host)
    assert.include(page.text(), 'Маршрут № 5 будет продлён с 1 марта')
    assert.include(page.text(), `№ ${order.number}`)
    for (const kind of ['submitted', 'published', 'threshold_reached', 'sent', 'answered']) assert.include(page.text(), `data-event="${kind}"`)
    // author and supporters are told
    const told = await inTenant(portal.tenant, () => tenantDb().from('notifications').where('kind', 'suggestion.answered').select('user_id'))
    assert.sameMembers(told.map((row) => row.user_id), [portal.citizen.id, portal.neighbour.id, portal.third.id, portal.fourth.id])
    // statistics per body
    const stats = await client.get('/suggestions/stats').header('host', portal.host)
    assert.match(stats.text(), /data-body-stats="krymsky"[\s\S]*?data-on-time>100 %[\s\S]*?data-accepted>100 %/)
  })

  test('"not ours" returns it to the moderators, who re-address it to a block', async ({ assert, client }) => {
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', {
      category: 'transport_organisation',
      title: 'Светофор на краевой трассе у поворота на Крымск',
      content: 'На повороте с краевой трассы часто случаются аварии, нужен светофор с левой стрелкой.',
      municipalityCode: 'krymsky',
      bodySlug: 'krymsky',
      lat: '44.93',
      lng: '38.06',
    })
    submitted.assertStatus(302)
    const id = Number(String(submitted.header('location')).split('/').pop())
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)
    // a moderator sends it without waiting for the threshold
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/send`, {})).assertStatus(302)
    await pump([portal.tenant, town.tenant, block.tenant])
    const found = await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id })
    const head = await sessionOf(client, town.host, town.head.email)
    ;(await postForm(client, town.host, head, `/suggestions/inbox/${found.id}`, `/suggestions/inbox/${found.id}/answer`, { kind: 'not_ours', answer: 'Краевая трасса — в ведении министерства транспорта края.' })).assertStatus(302)
    await pump([portal.tenant, town.tenant, block.tenant])
    assert.equal((await rowOf(portal.tenant, 'suggestions', { id })).status, 'returned')
    const queue = await client.get('/suggestions/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.match(queue.text(), new RegExp(`data-readdress="${id}"`))
    // a municipality answers only for its own territory: re-addressing to another one is refused
    const seversky = await suggestionsMunicipality('seversky')
    await publishDirectoryOf(seversky)
    await pump([portal.tenant, seversky.tenant])
    const foreign = await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/readdress`, { bodySlug: 'seversky' }, { json: true })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].field, 'bodySlug')
    assert.match(foreign.body().errors[0].message, /только по своей территории/)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/readdress`, { bodySlug: block.tenant.slug })).assertStatus(302)
    const moved = await rowOf(portal.tenant, 'suggestions', { id })
    assert.equal(moved.status, 'sent')
    assert.equal(moved.round, 2)
    assert.equal(moved.body_slug, block.tenant.slug)
    await pump([portal.tenant, town.tenant, block.tenant])
    assert.equal((await rowOf(block.tenant, 'suggestion_cases', { origin_suggestion_id: id })).round, 2)
    // a late answer from the municipality to the old round changes nothing
    const page = await client.get(`/suggestions/${id}`).header('host', portal.host)
    for (const kind of ['returned', 'readdressed']) assert.include(page.text(), `data-event="${kind}"`)
    // audit entries of the moderators' actions
    assert.isNotNull(await rowOf(portal.tenant, 'audit_entries', { action: 'suggestions.readdressed', subject_id: String(id) }))
  })
})
