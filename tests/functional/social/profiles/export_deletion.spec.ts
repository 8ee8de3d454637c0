import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'
import { postFrom, postJson, signIn } from '#tests/helpers/http'
import { postMultipart, sessionOf } from '#tests/helpers/problems'
import { jpegWithExif, pageOf, rowOf, socialPortal, verifiedExpert, type SocialPortal } from '#tests/helpers/social_profiles'
import { publicNames } from '#modules/social/profiles/public_names'
import { applyForOrganisation } from '#modules/social/profiles/actions/apply_for_organisation'
import { systemActor } from '#core/audit'
import User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'

let portal: SocialPortal

test.group('Social profiles | export of my data and deletion of my account', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spx_portal')
  })

  test('the export is a JSON download of every area\'s part: my profile, privacy, follows and organisations; nothing of others', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    await postFrom(client, portal.host, anna, '/people/me/edit', '/people/me', { displayName: 'Анна Экспорт', about: 'Пишу о дорогах.', municipalityCode: 'sochi', 'interests[0]': 'roads' })
    await postFrom(client, portal.host, anna, '/people/me/privacy', '/people/me/privacy', { messagePolicy: 'following', municipalityVisibility: 'nobody' })
    await postFrom(client, portal.host, anna, `/people/${portal.boris.id}`, '/follows', { targetType: 'user', targetKey: String(portal.boris.id) })
    await postFrom(client, portal.host, anna, '/people/me/follows', '/follows', { targetType: 'subject', targetKey: 'ecology' })
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    await postFrom(client, portal.host, gleb, `/people/${portal.anna.id}`, '/follows', { targetType: 'user', targetKey: String(portal.anna.id) })
    await inTenant(portal.tenant, async () => {
      const user = await User.findOrFail(portal.anna.id)
      await applyForOrganisation(user, { name: 'Союз велосипедистов', description: 'Объединение горожан за велодорожки и безопасные улицы.', subjects: ['transport'] }, systemActor('test'), (key) => key)
    })

    const page = await pageOf(client, portal.host, '/people/me/export', anna)
    page.assertStatus(200)
    assert.include(page.text(), 'href="/people/me/export.json"')
    const download = await pageOf(client, portal.host, '/people/me/export.json', anna)
    download.assertStatus(200)
    assert.include(download.header('content-type'), 'application/json')
    assert.include(download.header('content-disposition'), 'attachment')
    assert.include(download.header('cache-control'), 'no-store')
    assert.equal(download.header('x-robots-tag'), 'noindex, nofollow')
    const data = JSON.parse(download.text())
    assert.equal(data.account.email, portal.anna.email)
    assert.deepInclude(data.profile, { displayName: 'Анна Экспорт', about: 'Пишу о дорогах.', municipalityCode: 'sochi', interests: ['roads'] })
    assert.deepEqual(data.profile.privacy, { messagePolicy: 'following', municipalityVisibility: 'nobody', emailDigest: false })
    assert.sameDeepMembers(data.follows.following.map((entry: any) => `${entry.type}:${entry.key}`), [`user:${portal.boris.id}`, 'subject:ecology'])
    assert.equal(data.follows.followersCount, 1)
    assert.equal(data.organisations.memberships[0].name, 'Союз велосипедистов')
    assert.equal(data.organisations.memberships[0].role, 'owner')
    assert.equal(data.organisations.applications[0].status, 'pending')
    // who follows me is counted, never named; nobody else's e-mail or password hash is in it
    assert.notInclude(download.text(), portal.gleb.email)
    assert.notInclude(download.text(), 'scrypt')
    // a guest gets no export
    assert.equal((await pageOf(client, portal.host, '/people/me/export.json')).status(), 302)
  })

  test('deletion needs the password and the confirmation (422), then forgets everything in one go, audited; the account cannot sign in again', async ({ assert, client }) => {
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: portal.vera.id }, { displayName: 'Вера Петрова' }))
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    await postMultipart(client, portal.host, vera, '/people/me/edit', '/people/me', { displayName: 'Вера Удаляемая', about: 'Скоро уйду.' }, [
      { name: 'avatar', buffer: await jpegWithExif(200, 200), filename: 'v.jpg' },
    ])
    const avatarKey = (await rowOf(portal.tenant, 'social_profiles', { user_id: portal.vera.id })).avatar_key
    assert.isTrue(await drive.use().exists(avatarKey))
    await verifiedExpert(portal.tenant, portal.vera.id)
    await postFrom(client, portal.host, vera, `/people/${portal.boris.id}`, '/follows', { targetType: 'user', targetKey: String(portal.boris.id) })
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    await postFrom(client, portal.host, boris, `/people/${portal.vera.id}`, '/follows', { targetType: 'user', targetKey: String(portal.vera.id) })

    const form = await pageOf(client, portal.host, '/people/me/delete', vera)
    form.assertStatus(200)
    assert.include(form.text(), 'name="robots"')
    const wrong = await postJson(client, portal.host, vera, '/people/me/delete', '/people/me/delete', { password: 'not-my-password', confirm: '1' })
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'password')
    assert.equal(wrong.body().errors[0].message, 'Неверный пароль')
    const unconfirmed = await postJson(client, portal.host, vera, '/people/me/delete', '/people/me/delete', { password: 'correct-horse-battery' })
    unconfirmed.assertStatus(422)
    assert.equal(unconfirmed.body().errors[0].field, 'confirm')
    assert.equal((await rowOf(portal.tenant, 'users', { id: portal.vera.id })).status, 'active')

    const deleted = await postFrom(client, portal.host, vera, '/people/me/delete', '/people/me/delete', { password: 'correct-horse-battery', confirm: '1' })
    deleted.response.assertStatus(302)
    assert.equal(deleted.response.header('location'), '/')

    const user = await rowOf(portal.tenant, 'users', { id: portal.vera.id })
    assert.equal(user.status, 'deactivated')
    assert.isNull(user.password)
    assert.notEqual(user.email, portal.vera.email)
    const profile = await rowOf(portal.tenant, 'social_profiles', { user_id: portal.vera.id })
    assert.isNotNull(profile.deleted_at)
    assert.isNull(profile.about)
    assert.isNull(profile.avatar_key)
    assert.isFalse(await drive.use().exists(avatarKey))
    assert.equal((await rowOf(portal.tenant, 'problem_citizens', { user_id: portal.vera.id })).display_name, '—')
    assert.isNull(await rowOf(portal.tenant, 'social_follows', { follower_id: portal.vera.id }))
    assert.isNull(await rowOf(portal.tenant, 'social_follows', { target_type: 'user', target_key: String(portal.vera.id) }))
    assert.equal((await rowOf(portal.tenant, 'lawmaking_expert_profiles', { user_id: portal.vera.id })).status, 'rejected')
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where({ action: 'social.account_deleted', subject_id: String(portal.vera.id) }).first())
    assert.exists(audit)

    // the old session is gone, the password no longer works, the profile is a 404 and the name "deleted user"
    assert.equal((await pageOf(client, portal.host, '/people/me/edit', deleted.session)).status(), 302)
    const again = await signIn(client, portal.host, portal.vera.email)
    assert.match(String(again.response.header('location')), /\/login/)
    ;(await pageOf(client, portal.host, `/people/${portal.vera.id}`)).assertStatus(404)
    ;(await pageOf(client, portal.host, `/people/${portal.vera.id}/avatar`)).assertStatus(404)
    const names = await inTenant(portal.tenant, () => publicNames([portal.vera.id]))
    assert.deepEqual(names.get(portal.vera.id), { name: 'Удалённый пользователь', url: null, badges: [], deleted: true })
    const english = await inTenant(portal.tenant, () => publicNames([portal.vera.id], 'en'))
    assert.equal(english.get(portal.vera.id)?.name, 'Deleted user')
  })
})
