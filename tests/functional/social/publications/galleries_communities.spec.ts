import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, postJson } from '#tests/helpers/http'
import { photoWithExif, sessionOf } from '#tests/helpers/problems'
import { postJsonMultipart, publicationById, publicationsPortal, smallPhoto, type PublicationsPortal } from '#tests/helpers/social_publications'

let portal: PublicationsPortal

test.group('Social | publications | galleries and communities', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_galleries')
  })

  test('a gallery: created empty (the author\'s draft), photos with a caption and a place, a map of them; a hidden photo is seen only by its author and moderators', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const created = await postJson(client, portal.host, anna, '/galleries/new', '/galleries', { title: 'Набережная Кубани', description: 'Весна на набережной', subjectCode: 'urban_environment', municipalityCode: 'krasnodar' })
    created.assertStatus(200)
    const id = created.body().id
    ;(await client.get(`/galleries/${id}`).header('host', portal.host)).assertStatus(404)
    const added = await postJsonMultipart(client, portal.host, anna, `/galleries/${id}`, `/galleries/${id}/photos`, { caption: 'Мост', lat: '45.02', lon: '38.97' }, [
      { name: 'photos[]', buffer: await photoWithExif(1200, 900), filename: 'bridge.jpg' },
      { name: 'photos[]', buffer: await smallPhoto(), filename: 'river.png' },
    ])
    added.assertStatus(200)
    assert.equal(added.body().added, 2)
    const page = (await client.get(`/galleries/${id}`).header('host', portal.host)).text()
    assert.include(page, 'data-gallery-map')
    assert.include(page, '45.02')
    assert.include(page, 'alt="Мост"')
    assert.include((await client.get('/galleries').header('host', portal.host)).text(), 'Набережная Кубани')

    const photos = await inTenant(portal.tenant, () => tenantDb().from('social_gallery_photos').where('gallery_id', id).orderBy('id'))
    await inTenant(portal.tenant, () => tenantDb().from('social_gallery_photos').where('id', photos[0].id).update({ hidden_at: new Date() }))
    ;(await client.get(`/galleries/${id}/photos/${photos[0].id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/galleries/${id}/photos/${photos[1].id}/thumb`).header('host', portal.host)).assertStatus(200)
    assert.notInclude((await client.get(`/galleries/${id}`).header('host', portal.host)).text(), `/galleries/${id}/photos/${photos[0].id}/thumb`)
    const own = (await client.get(`/galleries/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, anna)).text()
    assert.include(own, 'Фотография скрыта модераторами')

    // only the author adds photos; a half place (latitude alone) or a non-photo is a 422
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    ;(await postJsonMultipart(client, portal.host, boris, `/galleries/${id}`, `/galleries/${id}/photos`, {}, [{ name: 'photos[]', buffer: await smallPhoto(), filename: 'x.png' }])).assertStatus(403)
    const half = await postJsonMultipart(client, portal.host, anna, `/galleries/${id}`, `/galleries/${id}/photos`, { lat: '45' }, [{ name: 'photos[]', buffer: await smallPhoto(), filename: 'x.png' }])
    half.assertStatus(422)
    assert.equal(half.body().errors[0].field, 'lon')
    const script = await postJsonMultipart(client, portal.host, anna, `/galleries/${id}`, `/galleries/${id}/photos`, {}, [{ name: 'photos[]', buffer: Buffer.from('<script>alert(1)</script>'), filename: 'x.jpg' }])
    script.assertStatus(422)

    // with every photo hidden the album leaves the list and answers 404 to others
    await inTenant(portal.tenant, () => tenantDb().from('social_gallery_photos').where('id', photos[1].id).update({ hidden_at: new Date() }))
    assert.notInclude((await client.get('/galleries').header('host', portal.host)).text(), 'Набережная Кубани')
    ;(await client.get(`/galleries/${id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/galleries/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, anna)).assertStatus(200)
  })

  test('communities: moderators create them with expert moderators; members post inside; a community moderator hides a post with an audit entry', async ({ assert, client }) => {
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    ;(await client.get('/communities/new').header('host', portal.host).withCookie(SESSION_COOKIE, anna)).assertStatus(403)
    const notExpert = await postJson(client, portal.host, moderator, '/communities/new', '/communities', { title: 'Транспорт края', subjectCode: 'transport', description: 'Сообщество о транспорте края', moderators: portal.anna.email })
    notExpert.assertStatus(422)
    assert.equal(notExpert.body().errors[0].field, 'moderators')
    const created = await postJson(client, portal.host, moderator, '/communities/new', '/communities', { title: 'Транспорт края', subjectCode: 'transport', description: 'Сообщество о транспорте края', moderators: portal.expert.email })
    created.assertStatus(200)
    const id = created.body().id

    // a non-member may not post inside
    const outside = await postJson(client, portal.host, anna, `/communities/${id}`, '/publications', { title: 'Пост снаружи', body: 'Текст', subjectCode: 'transport', communityId: String(id) })
    outside.assertStatus(422)
    assert.equal(outside.body().errors[0].field, 'communityId')
    ;(await postJson(client, portal.host, anna, `/communities/${id}`, `/communities/${id}/join`, {})).assertStatus(200)
    ;(await postJson(client, portal.host, anna, `/communities/${id}`, `/communities/${id}/join`, {})).assertStatus(200)
    const post = await postJson(client, portal.host, anna, `/communities/${id}`, '/publications', { title: 'Пост участницы', body: 'Текст', subjectCode: 'transport', communityId: String(id) })
    post.assertStatus(201)
    const page = (await client.get(`/communities/${id}`).header('host', portal.host)).text()
    assert.include(page, 'Пост участницы')
    assert.include((await client.get('/communities').header('host', portal.host)).text(), '1 участник')

    // a citizen may not hide; the community's expert moderator may
    ;(await postJson(client, portal.host, anna, `/communities/${id}`, `/communities/${id}/posts/${post.body().id}/hide`, { reason: 'не по теме' })).assertStatus(404)
    const expert = await sessionOf(client, portal.host, portal.expert.email)
    const hidden = await postJson(client, portal.host, expert, `/communities/${id}`, `/communities/${id}/posts/${post.body().id}/hide`, { reason: 'не по теме' })
    hidden.assertStatus(200)
    assert.isNotNull((await publicationById(portal.tenant, post.body().id))!.hiddenAt)
    assert.notInclude((await client.get(`/communities/${id}`).header('host', portal.host)).text(), 'Пост участницы')
    ;(await client.get(`/publications/${post.body().id}`).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`/publications/${post.body().id}`).header('host', portal.host).withCookie(SESSION_COOKIE, expert)).assertStatus(200)
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'social.community_post_hidden').where('subject_id', String(post.body().id)))
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, portal.expert.id)

    const restored = await postJson(client, portal.host, expert, `/communities/${id}`, `/communities/${id}/posts/${post.body().id}/restore`, { reason: 'ошибка' })
    restored.assertStatus(200)
    assert.isNull((await publicationById(portal.tenant, post.body().id))!.hiddenAt)
    ;(await postJson(client, portal.host, anna, `/communities/${id}`, `/communities/${id}/leave`, {})).assertStatus(200)
    assert.include((await client.get('/communities').header('host', portal.host)).text(), '0 участников')
  })
})
