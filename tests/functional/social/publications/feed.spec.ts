import { test } from '@japa/runner'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { follow, publicationsPortal, publish, type PublicationsPortal } from '#tests/helpers/social_publications'
import { FEED_PAGE } from '#modules/social/publications/services/queries'
import { inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'

let portal: PublicationsPortal

const idsOf = (html: string) => [...html.matchAll(/id="sp-card-(\d+)"/g)].map((match) => Number(match[1]))

test.group('Social | publications | the personal feed and the catalogue', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_feed')
  })

  test('the feed shows what the followed people, subjects and municipalities publish, newest first, once each, and nothing else', async ({ assert, client }) => {
    const byBoris = await publish(portal.tenant, portal.boris, { title: 'Борис о дорогах', subjectCode: 'roads' })
    const ecology = await publish(portal.tenant, portal.vera, { title: 'Вера об экологии', subjectCode: 'ecology' })
    const sochi = await publish(portal.tenant, portal.vera, { title: 'Вера о Сочи', subjectCode: 'culture', municipalityCode: 'sochi' })
    const both = await publish(portal.tenant, portal.boris, { title: 'Борис об экологии в Сочи', subjectCode: 'ecology', municipalityCode: 'sochi' })
    const unrelated = await publish(portal.tenant, portal.vera, { title: 'Вера о спорте', subjectCode: 'sport' })
    const hidden = await publish(portal.tenant, portal.boris, { title: 'Скрытое Бориса', subjectCode: 'roads' })
    await inTenant(portal.tenant, () => tenantDb().from('social_publications').where('id', hidden.id).update({ hidden_at: new Date() }))

    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const empty = await client.get('/feed').header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    assert.include(empty.text(), 'В ленте пока пусто')

    await follow(portal.tenant, portal.anna, 'user', portal.boris.id)
    await follow(portal.tenant, portal.anna, 'subject', 'ecology')
    await follow(portal.tenant, portal.anna, 'municipality', 'sochi')
    const feed = await client.get('/feed').header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    assert.deepEqual(idsOf(feed.text()), [both.id, sochi.id, ecology.id, byBoris.id])
    assert.notInclude(feed.text(), unrelated.title)
    assert.notInclude(feed.text(), hidden.title)
  })

  test('the feed pages by keyset without gaps or repeats', async ({ assert, client }) => {
    const many = []
    for (let i = 0; i < FEED_PAGE + 3; i++) many.push((await publish(portal.tenant, portal.expert, { title: `Экспертная заметка ${i}`, subjectCode: 'digital' })).id)
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    await follow(portal.tenant, portal.vera, 'user', portal.expert.id)
    await follow(portal.tenant, portal.vera, 'subject', 'digital')
    const first = (await client.get('/feed').header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text()
    const next = first.match(/href="([^"]+)" rel="next"/)![1].replace(/&amp;/g, '&')
    const second = (await client.get(next).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text()
    assert.deepEqual([...idsOf(first), ...idsOf(second)], [...many].reverse())
    const previous = second.match(/href="([^"]+)" rel="prev"/)![1].replace(/&amp;/g, '&')
    const back = (await client.get(previous).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text()
    assert.deepEqual(idsOf(back), idsOf(first))
  })

  test('the public catalogue filters by subject, municipality and tag; a bad filter is a 422', async ({ assert, client }) => {
    const tagged = await publish(portal.tenant, portal.boris, { title: 'Про трамваи', subjectCode: 'transport', municipalityCode: 'krasnodar', tags: ['трамвай'] })
    const other = await publish(portal.tenant, portal.boris, { title: 'Про автобусы', subjectCode: 'transport', tags: ['автобус'] })
    const byTag = (await client.get(`/publications?tag=${encodeURIComponent('трамвай')}`).header('host', portal.host)).text()
    assert.deepEqual(idsOf(byTag), [tagged.id])
    const byPlace = (await client.get('/publications?municipality=krasnodar&subject=transport').header('host', portal.host)).text()
    assert.include(idsOf(byPlace), tagged.id)
    assert.notInclude(idsOf(byPlace), other.id)
    const bad = await client.get('/publications?subject=astrology').header('host', portal.host).header('accept', 'application/json')
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'subject')
  })
})
