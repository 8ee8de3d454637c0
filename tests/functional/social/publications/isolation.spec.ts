import { test } from '@japa/runner'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { publicationsPortal, publish, type PublicationsPortal } from '#tests/helpers/social_publications'
import { inTenant } from '#tests/helpers/tenants'
import Gallery from '#modules/social/publications/models/gallery'
import Community from '#modules/social/publications/models/community'

let portal: PublicationsPortal
let neighbour: PublicationsPortal

test.group('Social | publications | isolation', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_iso_a')
    neighbour = await publicationsPortal('spub_iso_b')
  })

  test('another portal tenant sees none of this portal\'s publications, galleries or communities, and cannot act on them', async ({ assert, client }) => {
    const publication = await publish(portal.tenant, portal.anna, { title: 'Только для портала A' })
    const gallery = await inTenant(portal.tenant, () => Gallery.create({ authorId: portal.anna.id, title: 'Галерея портала A', description: '', photosCount: 0 }))
    const community = await inTenant(portal.tenant, () => Community.create({ title: 'Сообщество портала A', subjectCode: 'transport', description: 'Описание сообщества', createdBy: portal.moderator.id, membersCount: 0 }))
    ;(await client.get(`/publications/${publication.id}`).header('host', portal.host)).assertStatus(200)
    for (const path of [`/publications/${publication.id}`, `/galleries/${gallery.id}`, `/communities/${community.id}`]) {
      ;(await client.get(path).header('host', neighbour.host)).assertStatus(404)
    }
    assert.notInclude((await client.get('/publications').header('host', neighbour.host)).text(), 'Только для портала A')
    // the same account name on the neighbour is another person: no edit, no like of A's publication
    const annaB = await sessionOf(client, neighbour.host, neighbour.anna.email)
    ;(await client.get(`/publications/${publication.id}/edit`).header('host', neighbour.host).withCookie(SESSION_COOKIE, annaB)).assertStatus(404)
    // a session of portal A means nothing on portal B
    const annaA = await sessionOf(client, portal.host, portal.anna.email)
    ;(await client.get('/feed').header('host', neighbour.host).withCookie(SESSION_COOKIE, annaA).redirects(0)).assertStatus(302)
  })

  test('a block tenant has no publications, feed, galleries or communities', async ({ client }) => {
    const block = await ensureTenant('spub_iso_block', 'block')
    const admin = await ensureUser(block, 'admin')
    const session = await sessionOf(client, hostOf(block), admin.email)
    for (const path of ['/publications', '/publications/1', '/feed', '/galleries', '/communities', '/publications/new']) {
      ;(await client.get(path).header('host', hostOf(block)).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    }
  })
})
