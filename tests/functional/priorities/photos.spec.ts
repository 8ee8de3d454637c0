import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { photoWithExif, postMultipart, sessionOf } from '#tests/helpers/problems'
import { atMoment, prioritiesPortal, priorityById, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

// Every test runs in 2031 Q2 (clock fixed), whatever day the suite runs.
const IN_Q2 = '2031-05-15T12:00'
let portal: PrioritiesPortal
let priorityId: number

const fields = {
  level: 'regional',
  title: 'Парки у воды',
  description: 'Набережные и парки вдоль рек края.',
  category: 'Благоустройство',
  opensQuarter: '2031-Q2',
}

test.group('Priorities | a photo on a priority', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prp_portal')
    priorityId = (await atMoment(IN_Q2, () => publishedPriority(portal.tenant, { title: 'Парки у воды', opensQuarter: '2031-Q2' }))).id
  })

  test('a good photo is re-encoded (at most 1600 px, no EXIF), served with its real type and shown on the priority\'s card', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const edit = `/priorities/admin/${priorityId}/edit`
      assert.include((await client.get(edit).header('host', portal.host).withCookie(SESSION_COOKIE, admin)).text(), 'enctype="multipart/form-data"')
      const original = await photoWithExif(3200, 2400)
      const saved = await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields, [{ name: 'photo', buffer: original, filename: 'IMG_0042.JPG' }])
      saved.assertStatus(302)
      assert.equal(saved.header('location'), '/priorities/admin')

      const priority = await priorityById(portal.tenant, priorityId)
      assert.equal(priority.photoMime, 'image/jpeg')
      assert.match(priority.photoKey!, new RegExp(`^tenants/${portal.tenant.slug}/`))
      const stored = Buffer.from(await drive.use().getBytes(priority.photoKey!))
      const meta = await sharp(stored).metadata()
      assert.equal(Math.max(meta.width!, meta.height!), 1600)
      assert.isUndefined(meta.exif, 'EXIF is gone')
      assert.notInclude(stored.toString('latin1'), 'Ivan Petrov')

      const card = await client.get('/priorities').header('host', portal.host)
      assert.include(card.text(), `src="/priorities/${priorityId}/photo"`)
      assert.include(card.text(), 'alt="Фотография: Парки у воды"')
      const served = await client.get(`/priorities/${priorityId}/photo`).header('host', portal.host)
      served.assertStatus(200)
      assert.equal(served.header('content-type'), 'image/jpeg')

      // a new photo replaces the old one, which leaves Drive
      const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3366aa' } }).png().toBuffer()
      ;(await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields, [{ name: 'photo', buffer: png, filename: 'plan.jpg' }])).assertStatus(302)
      const replaced = await priorityById(portal.tenant, priorityId)
      assert.equal(replaced.photoMime, 'image/png')
      assert.isFalse(await drive.use().exists(priority.photoKey!))
      // a save without a file keeps the photo
      ;(await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, { ...fields, category: 'Парки' })).assertStatus(302)
      assert.equal((await priorityById(portal.tenant, priorityId)).photoKey, replaced.photoKey)
    })
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.updated'))
    assert.isTrue(audit.some((entry) => JSON.stringify(entry).includes('photo')))
  })

  test('hostile files are refused with a 422 on the photo and nothing is saved: a script named .jpg, a truncated JPEG, an SVG', async ({ assert, client }) => {
    const before = await priorityById(portal.tenant, priorityId)
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const edit = `/priorities/admin/${priorityId}/edit`
      const good = await photoWithExif(800, 600)
      const hostile = [
        { buffer: Buffer.from('<?php system($_GET["c"]); ?>'), filename: 'photo.jpg' },
        { buffer: good.subarray(0, Math.floor(good.length / 2)), filename: 'half.jpg' },
        { buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), filename: 'logo.svg' },
      ]
      for (const file of hostile) {
        const refused = await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, { ...fields, title: 'Не должно сохраниться' }, [{ name: 'photo', ...file }])
        refused.assertStatus(302)
        const back = await client.get(String(refused.header('location')).replace(/^https?:\/\/[^/]+/, '')).header('host', portal.host).withCookie(SESSION_COOKIE, admin)
        assert.include(back.text(), 'field-photo-error', file.filename)
        assert.include(back.text(), 'не является фотографией', file.filename)
      }
      // asking for JSON: 422 with the field
      const page = await client.get(edit).header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      const token = page.text().match(/name='_csrf' value='([^']+)'/)![1]
      const json = await client
        .post(`/priorities/admin/${priorityId}`)
        .header('host', portal.host)
        .header('accept', 'application/json')
        .header('referer', `http://${portal.host}${edit}`)
        .withCookie(SESSION_COOKIE, admin)
        .field('_csrf', token)
        .fields(fields)
        .file('photo', hostile[0].buffer, { filename: 'photo.jpg' })
        .redirects(0)
      json.assertStatus(422)
      assert.equal(json.body().errors[0].field, 'photo')
    })
    const after = await priorityById(portal.tenant, priorityId)
    assert.equal(after.title, before.title)
    assert.equal(after.photoKey, before.photoKey)
  })

  test('an admin removes the photo from the edit form: gone from the card, the route and Drive, audited; a new file beside the box replaces it instead', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const edit = `/priorities/admin/${priorityId}/edit`
      const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#228844' } }).png().toBuffer()
      ;(await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields, [{ name: 'photo', buffer: png, filename: 'a.png' }])).assertStatus(302)
      const withPhoto = await priorityById(portal.tenant, priorityId)
      assert.isNotNull(withPhoto.photoKey)

      // the form offers the removal only when there is a photo
      const form = (await client.get(edit).header('host', portal.host).withCookie(SESSION_COOKIE, admin)).text()
      assert.include(form, 'name="removePhoto"')
      assert.include(form, 'Удалить фотографию')

      // the box and a new file: the new file wins
      const jpeg = await photoWithExif(400, 300)
      ;(await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, { ...fields, removePhoto: '1' }, [{ name: 'photo', buffer: jpeg, filename: 'b.jpg' }])).assertStatus(302)
      const replaced = await priorityById(portal.tenant, priorityId)
      assert.equal(replaced.photoMime, 'image/jpeg')
      assert.isFalse(await drive.use().exists(withPhoto.photoKey!))

      // the box alone: no photo anywhere
      const removed = await postMultipart(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, { ...fields, removePhoto: '1' })
      removed.assertStatus(302)
      const after = await priorityById(portal.tenant, priorityId)
      assert.isNull(after.photoKey)
      assert.isNull(after.photoMime)
      assert.isFalse(await drive.use().exists(replaced.photoKey!))
      ;(await client.get(`/priorities/${priorityId}/photo`).header('host', portal.host)).assertStatus(404)
      assert.notInclude((await client.get('/priorities').header('host', portal.host)).text(), `src="/priorities/${priorityId}/photo"`)
      assert.notInclude((await client.get(edit).header('host', portal.host).withCookie(SESSION_COOKIE, admin)).text(), 'name="removePhoto"')
      // the title and the rest were saved as usual
      assert.equal(after.title, fields.title)
    })
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.updated').orderBy('id', 'desc').firstOrFail())
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details
    assert.include(details.changed, 'photo')
  })
})
