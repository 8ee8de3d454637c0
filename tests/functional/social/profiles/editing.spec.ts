import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { inTenant } from '#tests/helpers/tenants'
import { postFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { postMultipart, sessionOf } from '#tests/helpers/problems'
import { hugePng, jpegWithExif, pageOf, rowOf, socialPortal, verifiedExpert, type SocialPortal } from '#tests/helpers/social_profiles'
import { publicNames } from '#modules/social/profiles/public_names'
import CitizenProfile from '#modules/problems/models/citizen_profile'

let portal: SocialPortal
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`

const fields = (over: Record<string, string> = {}) => ({ displayName: 'Анна Кузнецова', about: 'Инженер-транспортник.', municipalityCode: 'krasnodar', ...over })

test.group('Social profiles | editing my profile', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spe_portal')
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: portal.boris.id }, { displayName: 'Борис из обращений' }))
  })

  test('without a saved profile a user shows defaults: the citizen name, no badges; the edit page is private (noindex)', async ({ assert, client }) => {
    const page = await pageOf(client, portal.host, `/people/${portal.boris.id}`)
    page.assertStatus(200)
    assert.include(page.text(), 'Борис из обращений')
    assert.notInclude(page.text(), 'data-badge=')
    assert.isNull(await rowOf(portal.tenant, 'social_profiles', { user_id: portal.boris.id }))
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const edit = await pageOf(client, portal.host, '/people/me/edit', boris)
    edit.assertStatus(200)
    assert.include(edit.text(), '<meta name="robots" content="noindex, nofollow">')
    assert.equal(edit.header('x-robots-tag'), 'noindex, nofollow')
    assert.include(edit.text(), 'value="Борис из обращений"')
    // the public profile is for search engines
    assert.notInclude(page.text(), 'name="robots"')
    // a guest is sent to sign in
    const guest = await pageOf(client, portal.host, '/people/me/edit')
    assert.equal(guest.status(), 302)
  })

  test('bad input is a 422 on each field, in Russian by default and in English on request; nothing is saved', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const cases: [Record<string, string>, string][] = [
      [{ displayName: 'А' }, 'displayName'],
      [{ displayName: 'x'.repeat(81) }, 'displayName'],
      [{ displayName: 'Анна\u0007' }, 'displayName'],
      [{ about: 'я'.repeat(2001) }, 'about'],
      [{ municipalityCode: 'atlantis' }, 'municipalityCode'],
      [{ 'interests[0]': 'astrology' }, 'interests.0'],
    ]
    for (const [change, field] of cases) {
      const refused = await postJson(client, portal.host, anna, '/people/me/edit', '/people/me', fields(change))
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, field, JSON.stringify(change))
    }
    const ru = await postJson(client, portal.host, anna, '/people/me/edit', '/people/me', fields({ displayName: 'А' }))
    assert.include(ru.body().errors[0].message, 'Отображаемое имя')
    const town = await postJson(client, portal.host, anna, '/people/me/edit', '/people/me', fields({ municipalityCode: 'atlantis' }))
    assert.equal(town.body().errors[0].message, 'Выберите муниципальное образование из списка')
    const en = await client
      .post('/people/me')
      .header('host', portal.host)
      .header('accept', 'application/json')
      .header('x-locale', 'en')
      .header('referer', `http://${portal.host}/people/me/edit`)
      .withCookie(SESSION_COOKIE, anna)
      .form({ _csrf: (await csrfOf(client, anna)), ...fields({ displayName: 'А' }) })
      .redirects(0)
    en.assertStatus(422)
    assert.include(en.body().errors[0].message, 'Display name')
    assert.isNull(await rowOf(portal.tenant, 'social_profiles', { user_id: portal.anna.id }))

    // the HTML form: back to it with the message next to the field and the text as typed
    const posted = await postFrom(client, portal.host, anna, '/people/me/edit', '/people/me', fields({ displayName: 'А', about: 'Текст, который не должен пропасть.' }))
    posted.response.assertStatus(302)
    const again = await pageOf(client, portal.host, '/people/me/edit', posted.session)
    assert.include(again.text(), 'field-displayName-error')
    assert.include(again.text(), 'Текст, который не должен пропасть.')
  })

  test('XSS payloads in the name and about text are stored as typed and shown escaped, on the profile and in public names', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const saved = await postFrom(client, portal.host, anna, '/people/me/edit', '/people/me', {
      ...fields({ displayName: `Анна ${XSS}`.slice(0, 80), about: `Обо мне ${XSS}` }),
      'interests[0]': 'transport',
      'interests[1]': 'ecology',
    })
    saved.response.assertStatus(302)
    assert.equal(saved.response.header('location'), `/people/${portal.anna.id}`)
    const row = await rowOf(portal.tenant, 'social_profiles', { user_id: portal.anna.id })
    assert.include(row.about, '<script>')
    assert.deepEqual(row.interests, ['transport', 'ecology'])
    const page = await pageOf(client, portal.host, `/people/${portal.anna.id}`)
    page.assertStatus(200)
    assert.notInclude(page.text(), '<script>alert')
    assert.notInclude(page.text(), '<img src=x')
    assert.include(page.text(), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    assert.include(page.text(), 'Транспорт')
    assert.include(page.text(), 'data-municipality')
    const names = await inTenant(portal.tenant, () => publicNames([portal.anna.id, portal.boris.id]))
    assert.equal(names.get(portal.anna.id)?.url, `/people/${portal.anna.id}`)
    assert.include(names.get(portal.anna.id)!.name, '<script>')
    assert.equal(names.get(portal.boris.id)?.name, 'Борис из обращений')
  })

  test('an avatar is re-encoded as a 256 px WebP without metadata, served from Drive with caching; the old one is removed on change', async ({ assert, client }) => {
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const uploaded = await postMultipart(client, portal.host, vera, '/people/me/edit', '/people/me', fields({ displayName: 'Вера' }), [
      { name: 'avatar', buffer: await jpegWithExif(1200, 800), filename: 'me.jpg' },
    ])
    uploaded.assertStatus(302)
    const first = (await rowOf(portal.tenant, 'social_profiles', { user_id: portal.vera.id })).avatar_key as string
    assert.match(first, new RegExp(`^tenants/${portal.tenant.slug}/social/avatars/[0-9a-f-]+\\.webp$`))
    const profile = await pageOf(client, portal.host, `/people/${portal.vera.id}`)
    const src = profile.text().match(/<img src="([^"]+)"[^>]*data-avatar/)![1]
    const avatar = await client.get(src.replace(/&amp;/g, '&')).header('host', portal.host)
    avatar.assertStatus(200)
    assert.equal(avatar.header('content-type'), 'image/webp')
    assert.include(avatar.header('cache-control'), 'public')
    const bytes = Buffer.from(await drive.use().getBytes(first))
    const meta = await sharp(bytes).metadata()
    assert.equal(meta.format, 'webp')
    assert.equal(meta.width, 256)
    assert.equal(meta.height, 256)
    assert.isUndefined(meta.exif)
    assert.notInclude(bytes.toString('latin1'), 'SpyCam')
    const again = await client.get(src.replace(/&amp;/g, '&')).header('host', portal.host).header('if-none-match', avatar.header('etag')!)
    again.assertStatus(304)

    const replaced = await postMultipart(client, portal.host, vera, '/people/me/edit', '/people/me', fields({ displayName: 'Вера' }), [
      { name: 'avatar', buffer: await jpegWithExif(300, 300), filename: 'new.jpg' },
    ])
    replaced.assertStatus(302)
    const second = (await rowOf(portal.tenant, 'social_profiles', { user_id: portal.vera.id })).avatar_key
    assert.notEqual(second, first)
    assert.isFalse(await drive.use().exists(first))

    // "remove the avatar": the file goes too, the profile shows none
    ;(await postFrom(client, portal.host, vera, '/people/me/edit', '/people/me', fields({ displayName: 'Вера', removeAvatar: '1' }))).response.assertStatus(302)
    assert.isNull((await rowOf(portal.tenant, 'social_profiles', { user_id: portal.vera.id })).avatar_key)
    assert.isFalse(await drive.use().exists(second))
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.vera.id}`)).text(), 'data-avatar')
  })

  test('a hostile avatar is a 422 naming the field: not an image (whatever its name), or a decompression bomb', async ({ assert, client }) => {
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    const page = await pageOf(client, portal.host, '/people/me/edit', gleb)
    const csrf = page.text().match(/name='_csrf' value='([^']+)'/)![1]
    const send = (buffer: Buffer, filename: string) =>
      client
        .post('/people/me')
        .header('host', portal.host)
        .header('accept', 'application/json')
        .header('referer', `http://${portal.host}/people/me/edit`)
        .withCookie(SESSION_COOKIE, gleb)
        .field('_csrf', csrf)
        .field('displayName', 'Глеб')
        .file('avatar', buffer, { filename })
        .redirects(0)
    const script = await send(Buffer.from('<?php system($_GET["c"]); ?>'), 'shell.jpg')
    script.assertStatus(422)
    assert.equal(script.body().errors[0].field, 'avatar')
    assert.equal(script.body().errors[0].message, 'Файл не является изображением JPEG, PNG или WebP')
    const svg = await send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'a.png')
    svg.assertStatus(422)
    const bomb = await send(await hugePng(), 'bomb.png')
    bomb.assertStatus(422)
    assert.equal(bomb.body().errors[0].field, 'avatar')
    assert.include(bomb.body().errors[0].message, '40')
    assert.isNull(await rowOf(portal.tenant, 'social_profiles', { user_id: portal.gleb.id }))
  })

  test('a verified law-making expert shows the badge with fields and organisation; the owner is offered the expert application', async ({ assert, client }) => {
    await verifiedExpert(portal.tenant, portal.boris.id, 'Кубанский университет')
    const page = await pageOf(client, portal.host, `/people/${portal.boris.id}`)
    assert.include(page.text(), 'data-badge="expert"')
    assert.include(page.text(), 'Кубанский университет')
    assert.include(page.text(), 'data-expert-fields')
    const names = await inTenant(portal.tenant, () => publicNames([portal.boris.id]))
    assert.deepEqual(names.get(portal.boris.id)?.badges, ['expert'])
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const own = await pageOf(client, portal.host, `/people/${portal.anna.id}`, anna)
    assert.include(own.text(), 'href="/lawmaking/expert-profile"')
    assert.include(own.text(), 'href="/people/me/edit"')
  })
})

async function csrfOf(client: any, session: string) {
  const page = await pageOf(client, portal.host, '/people/me/edit', session)
  return page.text().match(/name='_csrf' value='([^']+)'/)![1]
}
