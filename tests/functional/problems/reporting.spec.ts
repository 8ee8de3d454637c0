import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import User from '#modules/identity/models/user'
import { inTenant, ensureUser, TEST_PASSWORD } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm, postFrom } from '#tests/helpers/http'
import { Mailbox } from '#tests/helpers/mailbox'
import { withEnv } from '#tests/helpers/bus'
import { photoWithExif, postMultipart, problemsPortal, sessionOf, type ProblemsPortal } from '#tests/helpers/problems'

let portal: ProblemsPortal

function fields(overrides: Record<string, string> = {}) {
  return {
    themeId: String(portal.lighting.id),
    municipalityId: String(portal.sochi.id),
    lat: '43.585500',
    lng: '39.723100',
    address: 'Сочи, Курортный проспект, 50',
    description: 'Не горят фонари на всём участке набережной уже неделю.',
    ...overrides,
  }
}

test.group('Problems | reporting (photos, drafts, confirmation, limits)', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pr_portal')
  })

  test('photos are checked by content, size-limited, resized to 1600 px and stripped of EXIF', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    // a text file named .jpg is refused with a per-field message, and nothing is stored
    const fake = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields(), [
      { name: 'photos[]', buffer: Buffer.from('это не фотография, а текст'), filename: 'photo.jpg' },
    ])
    fake.assertStatus(302)
    const page = await client.get('/problems/new').header('host', portal.host).withCookie(SESSION_COOKIE, fake.cookie(SESSION_COOKIE)?.value ?? session)
    assert.include(page.text(), 'Файл «photo.jpg» в поле «Фотографии» повреждён или не является фотографией')
    assert.include(page.text(), 'Курортный проспект, 50', 'what was typed is still there')
    // too big: refused by size
    const big = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields(), [
      { name: 'photos[]', buffer: Buffer.alloc(11 * 1024 * 1024, 7), filename: 'huge.jpg' },
    ])
    big.assertStatus(302)
    const bigPage = await client.get('/problems/new').header('host', portal.host).withCookie(SESSION_COOKIE, big.cookie(SESSION_COOKIE)?.value ?? session)
    assert.include(bigPage.text(), 'больше допустимых')
    assert.equal(await inTenant(portal.tenant, async () => Number((await tenantDb().from('problems').count('* as n'))[0].n)), 0)

    // a real PNG named .jpg is fine (the content decides), and a big JPEG with EXIF is tamed
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: '#ff000080' } }).png().toBuffer()
    const original = await photoWithExif(4000, 3000)
    assert.exists((await sharp(original).metadata()).exif, 'the test photo does carry EXIF')
    const ok = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields(), [
      { name: 'photos[]', buffer: original, filename: 'IMG_0001.JPG' },
      { name: 'photos[]', buffer: png, filename: 'screenshot.jpg' },
    ])
    ok.assertStatus(302)
    const id = Number(String(ok.header('location')).split('/').pop())
    const photos = await inTenant(portal.tenant, () => ProblemPhoto.query().where('problem_id', id).orderBy('id'))
    assert.lengthOf(photos, 2)
    const stored = Buffer.from(await drive.use().getBytes(photos[0].storageKey))
    const meta = await sharp(stored).metadata()
    assert.equal(meta.format, 'jpeg')
    assert.equal(Math.max(meta.width!, meta.height!), 1600)
    assert.isUndefined(meta.exif, 'EXIF is gone')
    assert.notInclude(stored.toString('latin1'), 'Ivan Petrov')
    assert.equal(photos[1].mimeType, 'image/png')
    // served publicly with the real type
    const served = await client.get(`/problems/${id}/photos/${photos[0].id}`).header('host', portal.host)
    served.assertStatus(200)
    assert.equal(served.header('content-type'), 'image/jpeg')
  })

  test('more than five photos are refused', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    const small = await photoWithExif(50, 50)
    const response = await postMultipart(
      client, portal.host, session, '/problems/new', '/problems', fields({ address: 'Сочи, ул. Шестая, 6' }),
      Array.from({ length: 6 }, (_, index) => ({ name: 'photos[]', buffer: small, filename: `p${index}.jpg` }))
    )
    response.assertStatus(302)
    assert.isNull(await inTenant(portal.tenant, () => Problem.findBy('address', 'Сочи, ул. Шестая, 6')))
  })

  test('a failed submission keeps a draft for the signed-in citizen', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.neighbour.email)
    const failed = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ description: 'кор', address: 'Сочи, ул. Черновая, 7' }))
    failed.assertStatus(302)
    // a later visit (a new sign-in, no flashed input) still shows what was typed
    const later = await sessionOf(client, portal.host, portal.neighbour.email)
    const page = await client.get('/problems/new').header('host', portal.host).withCookie(SESSION_COOKIE, later)
    assert.include(page.text(), 'Сочи, ул. Черновая, 7')
    const draft = await inTenant(portal.tenant, () => tenantDb().from('problem_drafts').where('user_id', portal.neighbour.id).first())
    assert.equal(draft.data.address, 'Сочи, ул. Черновая, 7')
  })

  test('sign-up: an unconfirmed citizen cannot report until the e-mailed link is opened', async ({ assert, client, cleanup }) => {
    const mailbox = await new Mailbox().start()
    cleanup(() => mailbox.stop())
    const email = 'new.citizen@pr-portal.test'
    const signUp = await submitForm(client, portal.host, undefined, '/register', '/register', {
      email,
      displayName: 'Житель Сочи',
      password: TEST_PASSWORD,
      passwordConfirmation: TEST_PASSWORD,
    })
    signUp.assertStatus(200)
    const [letter] = mailbox.to(email)
    assert.exists(letter)
    const link = String(letter.text).match(/https?:\/\/\S+\/register\/confirm\/(\S+)/)
    assert.exists(link)

    const session = await sessionOf(client, portal.host, email)
    const refused = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ address: 'Сочи, ул. Неподтверждённая, 1' }))
    refused.assertStatus(302)
    assert.isNull(await inTenant(portal.tenant, () => Problem.findBy('address', 'Сочи, ул. Неподтверждённая, 1')))

    ;(await client.get(`/register/confirm/${link![1]}`).header('host', portal.host).redirects(0)).assertStatus(302)
    const profile = await inTenant(portal.tenant, async () => CitizenProfile.findOrFail((await User.findByOrFail('email', email)).id))
    assert.isNotNull(profile.emailConfirmedAt)
    const accepted = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ address: 'Сочи, ул. Подтверждённая, 2' }))
    accepted.assertStatus(302)
    const problem = await inTenant(portal.tenant, () => Problem.findByOrFail('address', 'Сочи, ул. Подтверждённая, 2'))
    // the public page shows the display name, never the e-mail
    const page = await client.get(`/problems/${problem.id}`).header('host', portal.host)
    assert.include(page.text(), 'Житель Сочи')
    assert.notInclude(page.text(), email)
    // the display name can be changed
    ;(await submitForm(client, portal.host, session, '/citizen/profile', '/citizen/profile', { displayName: 'Жительница Адлера' })).assertStatus(200)
    assert.include((await client.get(`/problems/${problem.id}`).header('host', portal.host)).text(), 'Жительница Адлера')
  })

  test('registration and reports are rate-limited', async ({ assert, client }) => {
    await withEnv({ PROBLEMS_REPORTS_PER_HOUR: 1, PROBLEMS_REGISTRATIONS_PER_HOUR: 1 }, async () => {
      const citizen = await ensureUser(portal.tenant, 'citizen', 'limited@pr-portal.test')
      const session = await sessionOf(client, portal.host, citizen.email)
      ;(await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ address: 'Сочи, Лимитная, 1' }))).assertStatus(302)
      const second = await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ address: 'Сочи, Лимитная, 2' }))
      second.assertStatus(429)
      assert.include(second.text(), 'Слишком много сообщений')
      assert.isNull(await inTenant(portal.tenant, () => Problem.findBy('address', 'Сочи, Лимитная, 2')))

      // the sign-up budget is per address: the second sign-up of this hour (the first was the test above, or here) is refused
      const statuses: number[] = []
      for (const n of [1, 2]) {
        const attempt = await postFrom(client, portal.host, undefined, '/register', '/register', { email: `a${n}@pr-portal.test`, displayName: `А${n}`, password: TEST_PASSWORD, passwordConfirmation: TEST_PASSWORD })
        statuses.push(attempt.response.status())
      }
      assert.equal(statuses[1], 429)
      assert.isNull(await inTenant(portal.tenant, () => User.findBy('email', 'a2@pr-portal.test')))
    })
  })

  test('nearby open problems of the same theme are offered before reporting', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    ;(await postMultipart(client, portal.host, session, '/problems/new', '/problems', fields({ lat: '43.600000', lng: '39.730000', address: 'Сочи, ул. Соседняя, 1' }))).assertStatus(302)
    const near = await client.get('/problems/nearby').header('host', portal.host).qs({ themeId: portal.lighting.id, lat: '43.600900', lng: '39.730000' })
    near.assertStatus(200)
    const found = near.body().data.find((row: any) => row.address === 'Сочи, ул. Соседняя, 1')
    assert.exists(found, 'about 100 m away: offered')
    assert.closeTo(found.distance, 100, 5)
    const far = await client.get('/problems/nearby').header('host', portal.host).qs({ themeId: portal.lighting.id, lat: '43.602000', lng: '39.730000' })
    assert.notExists(far.body().data.find((row: any) => row.address === 'Сочи, ул. Соседняя, 1'), '220 m away: not offered')
    const otherTheme = await client.get('/problems/nearby').header('host', portal.host).qs({ themeId: portal.roads.id, lat: '43.600000', lng: '39.730000' })
    assert.notExists(otherTheme.body().data.find((row: any) => row.address === 'Сочи, ул. Соседняя, 1'), 'another theme: not offered')
    ;(await client.get('/problems/nearby').header('host', portal.host).qs({ themeId: 'x', lat: '500', lng: '0' })).assertStatus(422)

    // instead of a new report the neighbour endorses it, once
    const problem = await inTenant(portal.tenant, () => Problem.findByOrFail('address', 'Сочи, ул. Соседняя, 1'))
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    for (let i = 0; i < 2; i++) {
      ;(await submitForm(client, portal.host, neighbour, `/problems/${problem.id}`, `/problems/${problem.id}/endorse`, {})).assertStatus(200)
    }
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))).endorsementsCount, 1)
  })

  test('public list and map filter by theme, municipality, status, overdue and viewport', async ({ assert, client }) => {
    const list = await client.get('/problems').header('host', portal.host).qs({ theme: portal.lighting.id, municipality: portal.sochi.id })
    list.assertStatus(200)
    assert.include(list.text(), 'Сочи, ул. Соседняя, 1')
    const none = await client.get('/problems').header('host', portal.host).qs({ theme: portal.roads.id, municipality: portal.sochi.id })
    assert.notInclude(none.text(), 'Сочи, ул. Соседняя, 1')
    const inView = await client.get('/problems/map.json').header('host', portal.host).qs({ bbox: '43.59,39.72,43.61,39.74' })
    assert.isTrue(inView.body().data.some((row: any) => row.address === 'Сочи, ул. Соседняя, 1'))
    const outOfView = await client.get('/problems/map.json').header('host', portal.host).qs({ bbox: '45.0,38.9,45.1,39.0' })
    assert.isFalse(outOfView.body().data.some((row: any) => row.address === 'Сочи, ул. Соседняя, 1'))
    const overdue = await client.get('/problems/map.json').header('host', portal.host).qs({ overdue: 'true' })
    assert.lengthOf(overdue.body().data, 0)
    ;(await client.get('/problems/map').header('host', portal.host)).assertStatus(200)
  })
})
