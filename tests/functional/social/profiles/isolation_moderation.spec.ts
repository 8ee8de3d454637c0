import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { schemaNameFor } from '#tenancy/naming'
import { bodyOffice, inTenant } from '#tests/helpers/tenants'
import { postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { postMultipart, sessionOf } from '#tests/helpers/problems'
import { jpegWithExif, pageOf, socialPortal, type SocialPortal } from '#tests/helpers/social_profiles'
import { moderatedKind } from '#modules/social/moderation/registry'

let alpha: SocialPortal
let beta: SocialPortal

test.group('Social profiles | isolation between tenants, and moderators hiding a profile', (group) => {
  group.setup(async () => {
    alpha = await socialPortal('spi_alpha')
    beta = await socialPortal('spi_beta')
  })

  test('a profile of one portal is out of reach of another: permission denied in SQL, not on its pages, a session does not cross', async ({ assert, client }) => {
    const anna = await sessionOf(client, alpha.host, alpha.anna.email)
    await postMultipart(client, alpha.host, anna, '/people/me/edit', '/people/me', { displayName: 'Анна Альфа', about: 'Только в альфе.' }, [
      { name: 'avatar', buffer: await jpegWithExif(100, 100), filename: 'a.jpg' },
    ])
    await postFrom(client, alpha.host, anna, `/people/${alpha.boris.id}`, '/follows', { targetType: 'user', targetKey: String(alpha.boris.id) })
    const alphaSchema = schemaNameFor(alpha.tenant.slug)
    for (const table of ['social_profiles', 'social_follows', 'social_organisations', 'social_organisation_members', 'social_official_accounts']) {
      await assert.rejects(() => inTenant(beta.tenant, () => tenantDb().rawQuery(`select * from ${alphaSchema}.${table}`)), /permission denied/)
    }
    // the same id on the other portal is somebody else, or nobody: never Anna
    const onBeta = await pageOf(client, beta.host, `/people/${alpha.anna.id}`)
    assert.notInclude(onBeta.text(), 'Анна Альфа')
    assert.notInclude(onBeta.text(), 'Только в альфе.')
    ;(await pageOf(client, beta.host, `/people/${alpha.anna.id}/avatar`)).assertStatus(404)
    // alpha's session means nothing on beta
    const mine = await client.get('/people/me/edit').header('host', beta.host).withCookie(SESSION_COOKIE, anna).redirects(0)
    assert.equal(mine.status(), 302)
    assert.match(String(mine.header('location')), /login/)
  })

  test('a block tenant has no profiles, follows, organisations or subjects: every route is a 404', async ({ client }) => {
    const block = await bodyOffice('block', 'spi_block', { main: { nameRu: 'Аппарат', nameEn: 'Office' } }, { admin: { role: 'admin' } })
    const admin = await sessionOf(client, block.host, block.admin.email)
    for (const path of [`/people/${block.admin.id}`, '/people/me/edit', '/people/me/privacy', '/people/me/export.json', '/people/me/follows', '/organisations', '/organisations/1', '/subjects', '/subjects/transport']) {
      ;(await pageOf(client, block.host, path, admin)).assertStatus(404)
    }
  })

  test('a moderator hides the about text and avatar (kind social.profile): gone for others, the author is told, a moderator still sees; restored', async ({ assert, client }) => {
    const kind = await moderatedKind('social.profile')
    assert.exists(kind)
    const loaded = await inTenant(alpha.tenant, () => kind!.load(alpha.anna.id))
    assert.deepInclude(loaded!, { authorUserId: alpha.anna.id, url: `/people/${alpha.anna.id}`, hidden: false })
    assert.include(loaded!.excerpt, 'Только в альфе.')
    assert.isNull(await inTenant(alpha.tenant, () => kind!.load(alpha.gleb.id)))

    await inTenant(alpha.tenant, () => tenantDb().transaction((trx) => kind!.setHidden(alpha.anna.id, true, trx)))
    assert.isTrue((await inTenant(alpha.tenant, () => kind!.load(alpha.anna.id)))!.hidden)
    const guest = await pageOf(client, alpha.host, `/people/${alpha.anna.id}`)
    guest.assertStatus(200)
    assert.notInclude(guest.text(), 'Только в альфе.')
    assert.notInclude(guest.text(), 'data-avatar')
    assert.include(guest.text(), 'Анна Альфа')
    ;(await pageOf(client, alpha.host, `/people/${alpha.anna.id}/avatar`)).assertStatus(404)
    const anna = await sessionOf(client, alpha.host, alpha.anna.email)
    const own = await pageOf(client, alpha.host, `/people/${alpha.anna.id}`, anna)
    assert.include(own.text(), 'Только в альфе.')
    assert.include(own.text(), 'Модератор скрыл')
    const ownAvatar = await pageOf(client, alpha.host, `/people/${alpha.anna.id}/avatar`, anna)
    ownAvatar.assertStatus(200)
    assert.include(ownAvatar.header('cache-control'), 'no-store')
    const moderator = await sessionOf(client, alpha.host, alpha.moderator.email)
    assert.include((await pageOf(client, alpha.host, `/people/${alpha.anna.id}`, moderator)).text(), 'Только в альфе.')

    await inTenant(alpha.tenant, () => tenantDb().transaction((trx) => kind!.setHidden(alpha.anna.id, false, trx)))
    assert.include((await pageOf(client, alpha.host, `/people/${alpha.anna.id}`)).text(), 'Только в альфе.')
  })

  test('a profile that does not exist is a 404, as are nonsense ids', async ({ client }) => {
    ;(await pageOf(client, alpha.host, '/people/99999999')).assertStatus(404)
    ;(await pageOf(client, alpha.host, '/people/abc')).assertStatus(404)
    ;(await pageOf(client, alpha.host, '/subjects/astrology')).assertStatus(404)
    ;(await pageOf(client, alpha.host, '/organisations/99999999')).assertStatus(404)
  })
})
