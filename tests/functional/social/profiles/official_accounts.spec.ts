import { test } from '@japa/runner'
import { bodyOffice, inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'
import { postFrom, postJson, signIn } from '#tests/helpers/http'
import { pump, sessionOf } from '#tests/helpers/problems'
import { pageOf, socialPortal, type SocialPortal } from '#tests/helpers/social_profiles'
import { publicNames } from '#modules/social/profiles/public_names'

let portal: SocialPortal
let block: Awaited<ReturnType<typeof body>>
let town: Awaited<ReturnType<typeof body>>

function body(kind: 'block' | 'municipality', slug: string) {
  return bodyOffice(kind, slug, { main: { nameRu: 'Аппарат', nameEn: 'Office' } }, { admin: { role: 'admin' }, head: { role: 'head', department: 'main' } })
}

/** The portal's official account user of a body, with its profile, or null. */
function officialOf(slug: string) {
  return inTenant(portal.tenant, async () => {
    const rows = await tenantDb()
      .from('social_official_accounts as o')
      .join('users as u', 'u.id', 'o.user_id')
      .join('social_profiles as p', 'p.user_id', 'o.user_id')
      .where('o.body_slug', slug)
      .select('o.user_id', 'o.name_ru', 'o.body_kind', 'u.email', 'u.password', 'p.about', 'p.display_name')
    return rows
  })
}

test.group('Social profiles | official accounts of bodies over the bus', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spa_portal')
    block = await body('block', 'spa_block')
    town = await body('municipality', 'spa_town')
  })

  test('a block\'s admin publishes its official account; the portal creates a user that cannot sign in, with the official badge and the body\'s name', async ({ assert, client }) => {
    const head = await sessionOf(client, block.host, block.head.email)
    ;(await pageOf(client, block.host, '/official-account', head)).assertStatus(403)
    const admin = await sessionOf(client, block.host, block.admin.email)
    const form = await pageOf(client, block.host, '/official-account', admin)
    form.assertStatus(200)
    assert.include(form.text(), 'data-official-form')
    const tooLong = await postJson(client, block.host, admin, '/official-account', '/official-account', { about: 'я'.repeat(2001) })
    tooLong.assertStatus(422)
    assert.equal(tooLong.body().errors[0].field, 'about')

    const published = await postFrom(client, block.host, admin, '/official-account', '/official-account', { about: 'Вице-губернатор по транспорту. <script>alert(1)</script>' })
    published.response.assertStatus(302)
    const audit = await inTenant(block.tenant, () => tenantDb().from('audit_entries').where('action', 'social.official_account_published').first())
    assert.exists(audit)
    await pump([portal.tenant, block.tenant])

    const [account] = await officialOf(block.tenant.slug)
    assert.equal(account.name_ru, block.tenant.nameRu)
    assert.equal(account.body_kind, 'block')
    assert.isNull(account.password)
    const profile = await pageOf(client, portal.host, `/people/${account.user_id}`)
    profile.assertStatus(200)
    assert.include(profile.text(), 'data-badge="official"')
    assert.include(profile.text(), `Официальный аккаунт органа власти: ${block.tenant.nameRu}`)
    assert.match(profile.text(), new RegExp(`data-official-tenant>[^<]*· ${block.tenant.slug}<`))
    assert.include(profile.text(), '&lt;script&gt;')
    assert.notInclude(profile.text(), '<script>alert(1)')
    const names = await inTenant(portal.tenant, () => publicNames([account.user_id]))
    assert.deepEqual(names.get(account.user_id), { name: block.tenant.nameRu, url: `/people/${account.user_id}`, badges: ['official'] })
    // nobody signs in as the body on the portal
    const attempt = await signIn(client, portal.host, account.email, 'null')
    assert.notMatch(String(attempt.response.header('location') ?? '/login'), /^\/(?!login)/)
    const after = await pageOf(client, portal.host, '/people/me/edit', attempt.session)
    assert.match(String(after.header('location')), /login/)
    // the body's page says when it was last published
    assert.notInclude((await pageOf(client, block.host, '/official-account', admin)).text(), 'Ещё не опубликован')
  })

  test('a second publication updates the same account; a municipality gets its own; a message applied twice changes nothing', async ({ assert, client }) => {
    const admin = await sessionOf(client, block.host, block.admin.email)
    await postFrom(client, block.host, admin, '/official-account', '/official-account', { about: 'Новый текст о нас.' })
    await pump([portal.tenant, block.tenant])
    const accounts = await officialOf(block.tenant.slug)
    assert.lengthOf(accounts, 1)
    assert.equal(accounts[0].about, 'Новый текст о нас.')

    const townAdmin = await sessionOf(client, town.host, town.admin.email)
    await postFrom(client, town.host, townAdmin, '/official-account', '/official-account', { about: 'Администрация города.' })
    await pump([portal.tenant, town.tenant])
    const [municipal] = await officialOf(town.tenant.slug)
    assert.equal(municipal.body_kind, 'municipality')
    assert.notEqual(municipal.user_id, accounts[0].user_id)
    assert.include((await pageOf(client, portal.host, `/people/${municipal.user_id}`)).text(), town.tenant.nameRu)

    // the same message once more (a redelivery after a crash): still one account, nothing changed
    const users = await inTenant(portal.tenant, async () => Number((await tenantDb().from('users').count('* as total'))[0].total))
    const reopened = await inTenant(portal.tenant, () =>
      tenantDb().from('bus_inbox').where({ type: 'social.official_account_published', source_tenant: block.tenant.slug }).update({ status: 'pending', next_attempt_at: new Date(0) })
    )
    assert.isAtLeast(Number(reopened), 2)
    await pump([portal.tenant])
    assert.equal(await inTenant(portal.tenant, async () => Number((await tenantDb().from('users').count('* as total'))[0].total)), users)
    const again = await officialOf(block.tenant.slug)
    assert.lengthOf(again, 1)
    assert.equal(again[0].about, 'Новый текст о нас.')
  })

  test('isolation: the official account page is a body\'s (404 on the portal); a body has no profiles; a portal user cannot publish for a body', async ({ assert, client }) => {
    const portalAdmin = await sessionOf(client, portal.host, portal.admin.email)
    ;(await pageOf(client, portal.host, '/official-account', portalAdmin)).assertStatus(404)
    const [account] = await officialOf(block.tenant.slug)
    ;(await pageOf(client, block.host, `/people/${account.user_id}`)).assertStatus(404)
    // a portal session means nothing on the block's host
    const onBlock = await pageOf(client, block.host, '/official-account', portalAdmin)
    assert.notEqual(onBlock.status(), 200)
  })
})
