import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, postJson } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { moderatedKind } from '#modules/social/moderation/registry'
import { personalDataParts } from '#modules/social/profiles/personal_data'
import { comment, follow, publicationById, publicationsPortal, publish, smallPhoto, postJsonMultipart, type PublicationsPortal } from '#tests/helpers/social_publications'
import { LIMITS } from '#modules/social/publications/services/responses'

let portal: PublicationsPortal

test.group('Social | publications | moderation, hidden content, limits and personal data', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_moderation')
  })

  test('the moderation contract describes publications, comments and gallery photos, and hides them through setHidden', async ({ assert }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Для очереди модерации', body: 'Текст **с разметкой**' })
    const commentId = await comment(portal.tenant, portal.boris, publication, 'Комментарий <b>без</b> HTML')
    await inTenant(portal.tenant, async () => {
      const kind = (await moderatedKind('social.publication'))!
      const loaded = (await kind.load(publication.id))!
      assert.deepEqual(loaded, { authorUserId: portal.anna.id, excerpt: 'Для очереди модерации. Текст с разметкой', url: `/publications/${publication.id}`, hidden: false })
      await tenantDb().transaction((trx) => kind.setHidden(publication.id, true, trx))
      assert.isTrue((await kind.load(publication.id))!.hidden)
      await tenantDb().transaction((trx) => kind.setHidden(publication.id, false, trx))
      assert.isFalse((await kind.load(publication.id))!.hidden)

      const comments = (await moderatedKind('social.comment'))!
      assert.deepInclude((await comments.load(commentId))!, { authorUserId: portal.boris.id, url: `/publications/${publication.id}#comment-${commentId}`, excerpt: 'Комментарий <b>без</b> HTML' })
      assert.isNull(await comments.load(99999999))
      assert.isDefined(await moderatedKind('social.gallery_photo'))
    })
  })

  test('hidden content vanishes for others (404, not in the feed, catalogue or threads); its author and moderators see it with a note', async ({ assert, client }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Спорная публикация', subjectCode: 'housing' })
    const visible = await comment(portal.tenant, portal.anna, publication, 'Видимый комментарий')
    const hiddenComment = await comment(portal.tenant, portal.boris, publication, 'Скрытый комментарий Бориса')
    await comment(portal.tenant, portal.vera, publication, 'Ответ под скрытым', hiddenComment)
    await inTenant(portal.tenant, async () => {
      await tenantDb().transaction(async (trx) => {
        await (await moderatedKind('social.comment'))!.setHidden(hiddenComment, true, trx)
      })
    })
    const path = `/publications/${publication.id}`
    const anonymous = (await client.get(path).header('host', portal.host)).text()
    assert.include(anonymous, 'Видимый комментарий')
    assert.notInclude(anonymous, 'Скрытый комментарий Бориса')
    assert.notInclude(anonymous, 'Ответ под скрытым')
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const own = (await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, boris)).text()
    assert.include(own, 'Скрытый комментарий Бориса')
    assert.include(own, 'Комментарий скрыт модераторами')
    // nobody votes on or replies to a hidden comment
    ;(await postJson(client, portal.host, boris, path, `${path}/comments/${hiddenComment}/vote`, { value: 'up' })).assertStatus(404)
    ;(await postJson(client, portal.host, boris, path, `${path}/comments`, { body: 'ответ', parentId: String(hiddenComment) })).assertStatus(422)
    assert.isAbove(visible, 0)

    await inTenant(portal.tenant, () => tenantDb().transaction(async (trx) => (await moderatedKind('social.publication'))!.setHidden(publication.id, true, trx)))
    await follow(portal.tenant, portal.vera, 'subject', 'housing')
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    ;(await client.get(path).header('host', portal.host)).assertStatus(404)
    ;(await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).assertStatus(404)
    ;(await client.get(path).header('host', portal.host).header('accept', 'application/json')).assertStatus(404)
    assert.notInclude((await client.get('/feed').header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text(), 'Спорная публикация')
    assert.notInclude((await client.get('/publications?subject=housing').header('host', portal.host)).text(), 'Спорная публикация')
    ;(await postJson(client, portal.host, vera, '/publications', `${path}/like`, { like: 'true' })).assertStatus(404)
    ;(await postJson(client, portal.host, vera, '/publications', `${path}/comments`, { body: 'x' })).assertStatus(404)

    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const author = await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    author.assertStatus(200)
    assert.include(author.text(), 'Публикация скрыта модераторами')
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, moderator)).assertStatus(200)
  })

  test('a hidden publication\'s photos answer 404 to others and are never cached publicly', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const created = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { title: 'С фотографией', body: 'Текст', subjectCode: 'culture' }, [{ name: 'photos[]', buffer: await smallPhoto(), filename: 'a.png' }])
    const id = created.body().id
    const [photo] = await inTenant(portal.tenant, () => tenantDb().from('social_publication_photos').where('publication_id', id))
    const url = `/publications/${id}/photos/${photo.id}`
    assert.equal((await client.get(url).header('host', portal.host)).header('cache-control'), 'public, max-age=86400')
    await inTenant(portal.tenant, () => tenantDb().from('social_publications').where('id', id).update({ hidden_at: new Date() }))
    ;(await client.get(url).header('host', portal.host)).assertStatus(404)
    ;(await client.get(`${url}/thumb`).header('host', portal.host)).assertStatus(404)
    const own = await client.get(url).header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    own.assertStatus(200)
    assert.equal(own.header('cache-control'), 'private, no-store')
  })

  test('writes are rate-limited per person: the 21st publication within an hour is a 429', async ({ assert, client }) => {
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const statuses: number[] = []
    for (let i = 0; i <= LIMITS.publications.requests; i++) {
      const response = await postJson(client, portal.host, vera, '/publications/new', '/publications', { title: `Заметка ${i}`, body: 'Текст', subjectCode: 'sport' })
      statuses.push(response.status())
    }
    assert.deepEqual(statuses.slice(0, LIMITS.publications.requests), Array(LIMITS.publications.requests).fill(201))
    assert.equal(statuses.at(-1), 429)
  })

  test('personal data: the export holds what the user wrote; deletion keeps what others answered and removes the rest', async ({ assert }) => {
    const lone = await publish(portal.tenant, portal.expert, { title: 'Одинокая публикация эксперта' })
    const answered = await publish(portal.tenant, portal.expert, { title: 'Публикация эксперта с ответом' })
    const answeredComment = await comment(portal.tenant, portal.expert, answered, 'Комментарий эксперта с ответом')
    await comment(portal.tenant, portal.boris, answered, 'Ответ Бориса', answeredComment)
    const loneComment = await comment(portal.tenant, portal.expert, lone, 'Одинокий комментарий')
    const part = (await personalDataParts()).find((candidate) => candidate.name === 'publications')!
    const exported = (await inTenant(portal.tenant, () => part.export(portal.expert.id))) as { publications: { title: string }[]; comments: { body: string }[] }
    assert.sameMembers(exported.publications.map((row) => row.title), ['Одинокая публикация эксперта', 'Публикация эксперта с ответом'])
    assert.includeMembers(exported.comments.map((row) => row.body), ['Комментарий эксперта с ответом', 'Одинокий комментарий'])
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => part.forget(portal.expert.id, trx)))
    assert.isNull(await publicationById(portal.tenant, lone.id))
    assert.isNotNull(await publicationById(portal.tenant, answered.id))
    const left = await inTenant(portal.tenant, () => tenantDb().from('social_comments').whereIn('id', [answeredComment, loneComment]))
    assert.deepEqual(left.map((row) => row.id), [answeredComment])
  })
})
