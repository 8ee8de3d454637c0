import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, postJson } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { comment, publicationById, publicationsPortal, publish, type PublicationsPortal } from '#tests/helpers/social_publications'
import { COMMENT_THREADS_PAGE } from '#modules/social/publications/services/queries'

let portal: PublicationsPortal

test.group('Social | publications | comments, votes and likes', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_comments')
  })

  test('comments form threads: a reply answers a comment, threads stop at three levels, counts follow', async ({ assert, client }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Остановка у рынка' })
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const path = `/publications/${publication.id}`
    const top = await postJson(client, portal.host, boris, path, `${path}/comments`, { body: 'Поддерживаю, но нужен навес.' })
    top.assertStatus(201)
    const topId = top.body().id
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const reply = await postJson(client, portal.host, vera, path, `${path}/comments`, { body: 'Навес уже в плане.', parentId: String(topId) })
    reply.assertStatus(201)
    const second = await postJson(client, portal.host, boris, path, `${path}/comments`, { body: 'Когда?', parentId: String(reply.body().id) })
    const third = await postJson(client, portal.host, vera, path, `${path}/comments`, { body: 'Весной.', parentId: String(second.body().id) })
    const rows = await inTenant(portal.tenant, () => tenantDb().from('social_comments').where('publication_id', publication.id).orderBy('id'))
    const byId = new Map(rows.map((row) => [row.id, row]))
    assert.equal(byId.get(reply.body().id).parent_id, topId)
    assert.equal(byId.get(second.body().id).depth, 2)
    // a reply to the last level joins its siblings (same parent), in the same thread
    assert.equal(byId.get(third.body().id).parent_id, reply.body().id)
    assert.equal(byId.get(third.body().id).root_id, topId)
    assert.equal((await publicationById(portal.tenant, publication.id))!.commentsCount, 4)

    const page = await client.get(path).header('host', portal.host)
    const html = page.text()
    assert.isBelow(html.indexOf(`id="comment-${topId}"`), html.indexOf(`id="comment-${reply.body().id}"`))
    assert.include(html, 'sp-comments--replies')
    assert.include(html, '4 комментария')
    // each comment's author links to their profile, as the publication's author does
    assert.match(html, new RegExp(`id="comment-${topId}"[\\s\\S]*?<a href="/people/${portal.boris.id}">`))

    // a form post (no JSON) goes back to the comment
    const page2 = await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, boris)
    const token = page2.text().match(/name='_csrf' value='([^']+)'/)![1]
    const posted = await client.post(`${path}/comments`).header('host', portal.host).header('referer', `http://${portal.host}${path}`).withCookie(SESSION_COOKIE, boris).form({ _csrf: token, body: 'Ещё мысль' }).redirects(0)
    posted.assertStatus(302)
    assert.match(String(posted.header('location')), new RegExp(`^${path}#comment-\\d+$`))

    const empty = await postJson(client, portal.host, boris, path, `${path}/comments`, { body: '   ' })
    empty.assertStatus(422)
    assert.equal(empty.body().errors[0].field, 'body')
    const foreignParent = await postJson(client, portal.host, boris, path, `${path}/comments`, { body: 'x', parentId: '99999999' })
    foreignParent.assertStatus(422)
    assert.equal(foreignParent.body().errors[0].field, 'parentId')
  })

  test('up and down votes: one per user, changeable, withdrawable; likes once per user', async ({ assert, client }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Велодорожка' })
    const commentId = await comment(portal.tenant, portal.anna, publication, 'Нужна вдоль набережной.')
    const path = `/publications/${publication.id}`
    const vote = `${path}/comments/${commentId}/vote`
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    assert.deepInclude((await postJson(client, portal.host, boris, path, vote, { value: 'up' })).body(), { up: 1, down: 0 })
    assert.deepInclude((await postJson(client, portal.host, boris, path, vote, { value: 'up' })).body(), { up: 1, down: 0 })
    assert.deepInclude((await postJson(client, portal.host, vera, path, vote, { value: 'up' })).body(), { up: 2, down: 0 })
    assert.deepInclude((await postJson(client, portal.host, boris, path, vote, { value: 'down' })).body(), { up: 1, down: 1 })
    assert.deepInclude((await postJson(client, portal.host, vera, path, vote, { value: 'none' })).body(), { up: 0, down: 1 })
    ;(await postJson(client, portal.host, boris, path, vote, { value: 'sideways' })).assertStatus(422)
    // a comment under another publication's address is no comment
    const other = await publish(portal.tenant, portal.anna, { title: 'Другая' })
    ;(await postJson(client, portal.host, boris, path, `/publications/${other.id}/comments/${commentId}/vote`, { value: 'up' })).assertStatus(404)

    const like = `${path}/like`
    assert.equal((await postJson(client, portal.host, boris, path, like, { like: 'true' })).body().likes, 1)
    assert.equal((await postJson(client, portal.host, boris, path, like, { like: 'true' })).body().likes, 1)
    assert.equal((await postJson(client, portal.host, vera, path, like, { like: 'true' })).body().likes, 2)
    assert.equal((await postJson(client, portal.host, boris, path, like, { like: 'false' })).body().likes, 1)
    const page = await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, vera)
    assert.include(page.text(), 'aria-pressed="true">Больше не нравится')
    assert.include(page.text(), '1 отметка «нравится»')
  })

  test('a publication with many comments pages its threads by keyset, replies staying with their thread', async ({ assert, client }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Обсуждаемая публикация' })
    await inTenant(portal.tenant, async () => {
      const now = new Date()
      const roots = await tenantDb()
        .table('social_comments')
        .insert(Array.from({ length: COMMENT_THREADS_PAGE + 5 }, (_, i) => ({ publication_id: publication.id, depth: 0, author_id: portal.boris.id, body: `Корневой ${i + 1}`, created_at: now, updated_at: now })))
        .returning('id')
      await tenantDb()
        .table('social_comments')
        .insert(roots.map((row: { id: number }, i: number) => ({ publication_id: publication.id, root_id: row.id, parent_id: row.id, depth: 1, author_id: portal.vera.id, body: `Ответ на ${i + 1}`, created_at: now, updated_at: now })))
    })
    const first = (await client.get(`/publications/${publication.id}`).header('host', portal.host)).text()
    assert.include(first, 'Корневой 1<')
    assert.include(first, 'Ответ на 1<')
    assert.include(first, `Корневой ${COMMENT_THREADS_PAGE}<`)
    assert.notInclude(first, `Корневой ${COMMENT_THREADS_PAGE + 1}<`)
    const next = first.match(/href="([^"]+)" rel="next"/)![1].replace(/&amp;/g, '&')
    const second = (await client.get(next).header('host', portal.host)).text()
    assert.include(second, `Корневой ${COMMENT_THREADS_PAGE + 1}<`)
    assert.include(second, `Ответ на ${COMMENT_THREADS_PAGE + 5}<`)
    assert.notInclude(second, 'Корневой 1<')
    assert.match(second, /rel="prev"/)
  })
})
