import { test } from '@japa/runner'
import { axeViolations } from '#tests/helpers/axe'
import { jpegWithExif, rowOf, socialPortal, type SocialPortal } from '#tests/helpers/social_profiles'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: SocialPortal
const origin = () => browserOrigin(portal.host)

test.group('Social profiles | browser | a citizen fills in a profile with an avatar and follows another', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spb_portal')
  })

  test('edit the profile with an avatar, see it public, follow someone; axe finds nothing on the profile and edit pages', async ({ browser, assert }) => {
    // axe is injected as a script: the page's CSP would refuse it (the app's own pages carry no inline script)
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 } })
    const page = await context.newPage()
    await signInAs(page, portal.host, portal.anna.email)

    await page.goto(`${origin()}/people/me/edit`)
    assert.deepEqual(await axeViolations(page, '/people/me/edit'), [])
    await page.getByLabel('Отображаемое имя').fill('Анна Транспортная')
    await page.getByLabel('О себе').fill('Инженер. Пишу о маршрутах автобусов.\n\nЖиву в Сочи.')
    await page.getByLabel('Муниципальное образование').selectOption({ label: 'город-курорт Сочи' })
    await page.getByLabel('Транспорт').check()
    await page.getByLabel('Экология').check()
    await page.getByLabel('Аватар').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif(640, 480) })
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Профиль сохранён.').waitFor()
    assert.equal(new URL(page.url()).pathname, `/people/${portal.anna.id}`)
    await page.getByRole('heading', { name: 'Анна Транспортная' }).waitFor()
    const avatar = page.locator('img[data-avatar]')
    await avatar.waitFor()
    // decode() waits for the image to load (it may still be on its way when the element is there)
      assert.equal(await avatar.evaluate(async (image) => { const img = image as unknown as { decode(): Promise<void>; naturalWidth: number }; await img.decode(); return img.naturalWidth }), 256)
    assert.include(await page.locator('[data-about]').innerText(), 'Живу в Сочи.')
    assert.deepEqual(await axeViolations(page, `/people/${portal.anna.id}`), [])

    // Anna follows Boris from his profile; his followers count grows; her follows list has him
    await page.goto(`${origin()}/people/${portal.boris.id}`)
    assert.equal(await page.locator('[data-followers]').innerText(), '0')
    await page.getByRole('button', { name: /Подписаться/ }).click()
    await page.getByText('Вы подписались.').waitFor()
    assert.equal(await page.locator('[data-followers]').innerText(), '1')
    await page.getByRole('button', { name: /Отписаться/ }).waitFor()
    assert.deepEqual(await axeViolations(page, `/people/${portal.boris.id}`), [])
    await page.goto(`${origin()}/people/me/follows`)
    await page.locator(`[data-entry="user:${portal.boris.id}"]`).waitFor()
    assert.deepEqual(await axeViolations(page, '/people/me/follows'), [])
    assert.exists(await rowOf(portal.tenant, 'social_follows', { follower_id: portal.anna.id, target_type: 'user', target_key: String(portal.boris.id) }))

    // the privacy page is accessible as well
    await page.goto(`${origin()}/people/me/privacy`)
    assert.deepEqual(await axeViolations(page, '/people/me/privacy'), [])
    await context.close()
  })
})
