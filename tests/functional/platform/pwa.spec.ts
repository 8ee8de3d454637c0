import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { signIn, SESSION_COOKIE } from '#tests/helpers/http'

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test.group('Platform | installable app (PWA)', () => {
  test('the service worker comes from the host root, uncached, as JavaScript, and lists the offline pages that exist', async ({ assert, client }) => {
    const tenant = await ensureTenant('pwa_alpha')
    const response = await client.get('/sw.js').header('host', hostOf(tenant))
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/javascript/)
    assert.match(response.header('cache-control') ?? '', /no-cache/)
    assert.equal(response.header('service-worker-allowed'), '/')
    const source = response.text()
    assert.notInclude(source, '__VERSION__')
    const pages = JSON.parse(source.match(/const PAGE_PREFIXES = (\[.*\])/)![1]) as string[]
    assert.includeMembers(pages, ['/orders', '/dashboard'])
    // the planner is offered offline exactly when its route is installed
    assert.equal(pages.includes('/planner'), router.match('/planner', 'GET', false) !== null)
  })

  test('the manifest names the tenant and points at PNG icons of the sizes it claims', async ({ assert, client }) => {
    const tenant = await ensureTenant('pwa_alpha')
    const response = await client.get('/manifest.webmanifest').header('host', hostOf(tenant))
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^application\/manifest\+json/)
    const manifest = JSON.parse(response.text())
    assert.equal(manifest.name, 'Тестовый pwa_alpha')
    assert.equal(manifest.start_url, '/orders')
    assert.equal(manifest.scope, '/')
    assert.equal(manifest.theme_color, '#0b4f8a')
    assert.includeMembers(manifest.icons.map((icon: { sizes: string }) => icon.sizes), ['192x192', '512x512'])
    assert.isTrue(manifest.icons.some((icon: { purpose: string }) => icon.purpose === 'maskable'))
    for (const icon of manifest.icons as { src: string; sizes: string }[]) {
      const [width, height] = icon.sizes.split('x').map(Number)
      assert.deepEqual(pngSize(await readFile(app.publicPath(icon.src.slice(1)))), { width, height }, icon.src)
      const served = await client.get(icon.src).header('host', hostOf(tenant))
      served.assertStatus(200)
    }
    const english = await client.get('/manifest.webmanifest').header('host', hostOf(tenant)).header('x-locale', 'en')
    assert.equal(JSON.parse(english.text()).name, 'Test pwa_alpha')
  })

  test("the portal's manifest describes the citizens' problems portal; an office tenant's keeps orders and the planner", async ({ assert, client }) => {
    const portal = await ensureTenant('pwa_portal', 'portal')
    const office = await ensureTenant('pwa_alpha')
    const manifestOf = async (host: string, locale = 'ru') =>
      JSON.parse((await client.get('/manifest.webmanifest').header('host', host).header('x-locale', locale)).text())

    const ru = await manifestOf(hostOf(portal))
    assert.equal(ru.name, 'Тестовый pwa_portal')
    assert.equal(ru.start_url, '/')
    assert.equal(ru.short_name, 'Проблемы')
    assert.match(ru.description, /гражданского контроля/)
    assert.notMatch(ru.description, /Поручения|планировщик/)
    assert.deepEqual(ru.shortcuts.map((shortcut: { url: string }) => shortcut.url), ['/problems/new', '/problems', '/problems/map'])
    assert.equal(ru.shortcuts[0].name, 'Сообщить о проблеме')
    const en = await manifestOf(hostOf(portal), 'en')
    assert.match(en.description, /Citizens' control portal/)
    assert.equal(en.shortcuts[0].name, 'Report a problem')

    const staff = await manifestOf(hostOf(office))
    assert.equal(staff.start_url, '/orders')
    assert.equal(staff.description, 'Поручения, планировщик и контроль исполнения')
    assert.notProperty(staff, 'shortcuts')
  })

  test('the offline page, which the worker caches, shows nothing of the signed-in person', async ({ assert, client }) => {
    const tenant = await ensureTenant('pwa_alpha')
    const user = await ensureUser(tenant, 'head')
    const { session } = await signIn(client, hostOf(tenant), user.email)
    const response = await client.get('/offline').header('host', hostOf(tenant)).withCookie(SESSION_COOKIE, session)
    response.assertStatus(200)
    assert.include(response.text(), 'Нет связи')
    assert.include(response.text(), 'href="/orders"')
    assert.notInclude(response.text(), user.fullName)
    assert.notInclude(response.text(), '_csrf')
    // pages of the app link the manifest
    const page = await client.get('/orders').header('host', hostOf(tenant)).withCookie(SESSION_COOKIE, session)
    assert.include(page.text(), '<link rel="manifest" href="/manifest.webmanifest">')
  })
})
