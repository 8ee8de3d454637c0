import { test } from '@japa/runner'
import sharp from 'sharp'
import { Parser } from 'htmlparser2'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { photoWithExif, sessionOf } from '#tests/helpers/problems'
import { postJsonMultipart, publicationById, publicationsPortal, smallPhoto, type PublicationsPortal } from '#tests/helpers/social_publications'

let portal: PublicationsPortal

const base = { title: 'Выделенная полоса на Красной', body: 'Предлагаю **выделенную** полосу.', subjectCode: 'transport' }

test.group('Social | publications | writing', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('spub_write')
  })

  test('a citizen publishes Markdown with two photos, tags and a municipality: re-encoded photos, thumbnails, sanitized HTML on the page', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const created = await postJsonMultipart(
      client,
      portal.host,
      anna,
      '/publications/new',
      '/publications',
      { ...base, municipalityCode: 'krasnodar', tags: 'Транспорт, #полосы, транспорт' },
      [
        { name: 'photos[]', buffer: await photoWithExif(3200, 2400), filename: 'IMG_1.JPG' },
        { name: 'photos[]', buffer: await smallPhoto('png'), filename: 'plan.png' },
      ]
    )
    created.assertStatus(201)
    const id = created.body().id as number
    const publication = (await publicationById(portal.tenant, id))!
    assert.equal(publication.authorId, portal.anna.id)
    assert.deepEqual(publication.tags, ['транспорт', 'полосы'])
    assert.include(publication.bodyHtml, '<strong>выделенную</strong>')
    const photos = await inTenant(portal.tenant, () => tenantDb().from('social_publication_photos').where('publication_id', id).orderBy('position'))
    assert.lengthOf(photos, 2)
    const stored = Buffer.from(await drive.use().getBytes(photos[0].storage_key))
    const meta = await sharp(stored).metadata()
    assert.equal(Math.max(meta.width!, meta.height!), 1600)
    assert.isUndefined(meta.exif)
    assert.match(photos[0].storage_key, new RegExp(`^tenants/${portal.tenant.slug}/social/`))

    const page = await client.get(`/publications/${id}`).header('host', portal.host)
    page.assertStatus(200)
    assert.include(page.text(), '<strong>выделенную</strong>')
    assert.include(page.text(), `http://${portal.host}/publications/${id}`)
    assert.include(page.text(), `/publications/${id}/photos/${photos[1].id}/thumb`)
    const thumb = await client.get(`/publications/${id}/photos/${photos[1].id}/thumb`).header('host', portal.host)
    thumb.assertStatus(200)
    assert.equal(thumb.header('content-type'), 'image/webp')
    const full = await client.get(`/publications/${id}/photos/${photos[0].id}`).header('host', portal.host)
    assert.equal(full.header('content-type'), 'image/jpeg')
    // a photo of another publication under this one's address is no photo
    const other = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { ...base, title: 'Другая публикация' })
    ;(await client.get(`/publications/${other.body().id}/photos/${photos[0].id}`).header('host', portal.host)).assertStatus(404)
  })

  test('XSS payloads in the Markdown, the title and the tags come out inert', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const payload = [
      '<script>alert("s")</script>',
      '[click](javascript:alert(1)) [js2](JaVaScRiPt:alert(2)) [vb](vbscript:msgbox(1))',
      '<img src=x onerror=alert(3)>',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) ![pic](data:image/svg+xml;base64,PHN2Zz4=)',
      '<a href="javascript:alert(5)">raw</a> <iframe src="https://evil.example"></iframe>',
      '[ok](https://example.org/path?a=1)',
    ].join('\n\n')
    const created = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', {
      ...base,
      title: '<img src=x onerror=alert(6)>Заголовок',
      body: payload,
      tags: '<script>x</script>',
    })
    created.assertStatus(201)
    const page = (await client.get(`/publications/${created.body().id}`).header('host', portal.host)).text()
    const body = page.slice(page.indexOf('data-body>'), page.indexOf('</div>', page.indexOf('data-body>')))
    // every element and attribute the page renders from the Markdown, as a browser's parser sees them
    const elements: { name: string; attributes: Record<string, string> }[] = []
    new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }).end(body.replace(/^data-body>/, ''))
    for (const element of elements) {
      assert.include(['p', 'a', 'strong', 'em', 'br'], element.name)
      assert.isEmpty(Object.keys(element.attributes).filter((name) => name.startsWith('on') || name === 'src' || name === 'style'))
      if (element.attributes.href) assert.match(element.attributes.href, /^https:\/\//)
    }
    assert.include(body, '&lt;script&gt;')
    assert.include(body, '<a href="https://example.org/path?a=1" rel="nofollow ugc noopener noreferrer">ok</a>')
    assert.notInclude(page, '<img src=x onerror')
    assert.notInclude(page, '<script>x</script>')
    assert.include(page, '&lt;img src=x onerror=alert(6)&gt;Заголовок')
  })

  test('bad input answers 422 with per-field messages in Russian by default and in English on request; nothing is saved', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const before = await inTenant(portal.tenant, () => tenantDb().from('social_publications').count('* as n').first())
    const ru = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { title: 'x', body: '', subjectCode: 'astrology', municipalityCode: 'atlantis', linkType: 'problem' })
    ru.assertStatus(422)
    const fields = ru.body().errors.map((error: { field: string }) => error.field)
    for (const field of ['title', 'body', 'subjectCode', 'municipalityCode', 'linkId']) assert.include(fields, field)
    const title = ru.body().errors.find((error: { field: string }) => error.field === 'title').message
    assert.include(title, 'Заголовок')
    assert.include(title, 'не меньше 3')

    const en = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { title: 'x', body: 'ok', subjectCode: 'transport' }, [], 'en')
    en.assertStatus(422)
    assert.match(en.body().errors[0].message, /Title/)

    const tooManyTags = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { ...base, tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(',') })
    tooManyTags.assertStatus(422)
    assert.equal(tooManyTags.body().errors[0].field, 'tags')
    assert.include(tooManyTags.body().errors[0].message, 'Не больше 10 меток')

    const missingLink = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', { ...base, linkType: 'problem', linkId: '999999' })
    missingLink.assertStatus(422)
    assert.equal(missingLink.body().errors[0].field, 'linkId')
    const after = await inTenant(portal.tenant, () => tenantDb().from('social_publications').count('* as n').first())
    assert.equal(Number(after.n), Number(before.n))
  })

  test('hostile files are refused with a 422 on the photos and nothing is saved: a script named .jpg, a truncated JPEG, an SVG; at most 10 photos', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const good = await photoWithExif(800, 600)
    const before = await inTenant(portal.tenant, () => tenantDb().from('social_publications').count('* as n').first())
    for (const file of [
      { buffer: Buffer.from('<?php system($_GET["c"]); ?>'), filename: 'photo.jpg' },
      { buffer: good.subarray(0, Math.floor(good.length / 2)), filename: 'half.jpg' },
      { buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), filename: 'logo.svg' },
    ]) {
      const refused = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', base, [{ name: 'photos[]', ...file }])
      refused.assertStatus(422)
      assert.match(refused.body().errors[0].field, /^photos/, file.filename)
      assert.include(refused.body().errors[0].message, 'не является фотографией', file.filename)
    }
    const png = await smallPhoto('png')
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: 'photos[]', buffer: png, filename: `p${i}.png` }))
    const tooMany = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', base, eleven)
    tooMany.assertStatus(422)
    assert.equal(tooMany.body().errors[0].field, 'photos')
    const after = await inTenant(portal.tenant, () => tenantDb().from('social_publications').count('* as n').first())
    assert.equal(Number(after.n), Number(before.n))
  })

  test('the author edits (removing a photo) and deletes; another citizen may not', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const png = await smallPhoto('png')
    const created = await postJsonMultipart(client, portal.host, anna, '/publications/new', '/publications', base, [
      { name: 'photos[]', buffer: png, filename: 'a.png' },
      { name: 'photos[]', buffer: await smallPhoto('jpeg'), filename: 'b.jpg' },
    ])
    const id = created.body().id
    const photos = await inTenant(portal.tenant, () => tenantDb().from('social_publication_photos').where('publication_id', id).orderBy('position'))
    ;(await client.get(`/publications/${id}/edit`).header('host', portal.host).withCookie(SESSION_COOKIE, boris)).assertStatus(403)
    const foreign = await postJsonMultipart(client, portal.host, boris, `/publications/${id}`, `/publications/${id}`, { ...base, title: 'Чужая правка' })
    foreign.assertStatus(403)
    const edited = await postJsonMultipart(client, portal.host, anna, `/publications/${id}/edit`, `/publications/${id}`, { ...base, title: 'Новый заголовок', body: '_курсив_', 'removePhotos[]': [String(photos[0].id)] })
    edited.assertStatus(200)
    const publication = (await publicationById(portal.tenant, id))!
    assert.equal(publication.title, 'Новый заголовок')
    assert.include(publication.bodyHtml, '<em>курсив</em>')
    const left = await inTenant(portal.tenant, () => tenantDb().from('social_publication_photos').where('publication_id', id))
    assert.deepEqual(left.map((row) => row.id), [photos[1].id])
    assert.isFalse(await drive.use().exists(photos[0].storage_key))

    ;(await postJsonMultipart(client, portal.host, boris, `/publications/${id}`, `/publications/${id}/delete`, {})).assertStatus(403)
    const deleted = await postJsonMultipart(client, portal.host, anna, `/publications/${id}`, `/publications/${id}/delete`, {})
    deleted.assertStatus(200)
    assert.isNull(await publicationById(portal.tenant, id))
    assert.isFalse(await drive.use().exists(photos[1].storage_key))
    ;(await client.get(`/publications/${id}`).header('host', portal.host)).assertStatus(404)
  })

  test('an anonymous visitor reads but is sent to sign in to write', async ({ client }) => {
    ;(await client.get('/publications').header('host', portal.host)).assertStatus(200)
    const form = await client.get('/publications/new').header('host', portal.host).redirects(0)
    form.assertStatus(302)
    ;(await client.get('/feed').header('host', portal.host).redirects(0)).assertStatus(302)
  })
})
