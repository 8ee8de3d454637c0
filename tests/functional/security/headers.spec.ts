import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type Tenant from '#tenancy/tenant'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom } from '#tests/helpers/http'

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined) {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values])
  ) as Record<string, string[]>
}

async function templates(directory = app.makePath('resources/views')): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? templates(`${directory}/${entry.name}`) : Promise.resolve(entry.name.endsWith('.edge') ? [`${directory}/${entry.name}`] : [])))
  )
  return nested.flat()
}

test.group('Security | response headers', (group) => {
  let tenant: Tenant
  group.setup(async () => {
    tenant = await ensureTenant('sec_headers')
  })

  test('a page carries a nonce CSP, Referrer-Policy and no HSTS over http', async ({ assert, client }) => {
    const page = await client.get('/login').header('host', hostOf(tenant))
    page.assertStatus(200)
    const csp = directives(page.header('content-security-policy'))
    assert.deepEqual(csp['default-src'], ["'self'"])
    assert.equal(csp['script-src'][0], "'self'")
    assert.match(csp['script-src'][1], /^'nonce-[A-Za-z0-9+/=]{20,}'$/)
    assert.notInclude(csp['script-src'], "'unsafe-inline'")
    assert.deepEqual(csp['script-src-attr'], ["'none'"])
    assert.deepEqual(csp['object-src'], ["'none'"])
    assert.deepEqual(csp['frame-ancestors'], ["'none'"])
    // the nonce the page hands to Vite is the header's
    const nonce = csp['script-src'][1].slice("'nonce-".length, -1)
    assert.include(page.text(), `<meta property="csp-nonce" content="" nonce="${nonce}">`)
    assert.equal(page.header('referrer-policy'), 'strict-origin-when-cross-origin')
    assert.equal(page.header('x-content-type-options'), 'nosniff')
    assert.isUndefined(page.header('strict-transport-security'))
  })

  test('every answer has them: an unknown host, the API, a static file', async ({ assert, client }) => {
    const unknown = await client.get('/').header('host', 'nobody.localhost')
    unknown.assertStatus(404)
    const api = await client.get('/api/v1/me').header('host', hostOf(tenant))
    const icon = await client.get('/icons/icon-48.png').header('host', hostOf(tenant))
    icon.assertStatus(200)
    for (const response of [unknown, api, icon]) {
      assert.include(String(response.header('content-security-policy')), "default-src 'self'")
      assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin')
    }
  })

  test('HSTS only when the platform is served over https', async ({ assert, client }) => {
    env.set('APP_PROTOCOL', 'https')
    try {
      const page = await client.get('/login').header('host', hostOf(tenant))
      assert.match(String(page.header('strict-transport-security')), /^max-age=\d{7,}/)
      assert.include(String(page.header('content-security-policy')), 'upgrade-insecure-requests')
    } finally {
      env.set('APP_PROTOCOL', undefined as any)
      delete process.env.APP_PROTOCOL
    }
  })

  test('templates have no inline scripts or inline event handlers (the CSP would block them)', async ({ assert }) => {
    for (const file of await templates()) {
      const source = await readFile(file, 'utf8')
      assert.notMatch(source, /<script(?![^>]*\bsrc=)[^>]*>/i, `${file} has an inline <script>`)
      assert.notMatch(source, /<[a-z][^>]*\son[a-z]+\s*=/i, `${file} has an inline event handler`)
    }
  })
})

test.group('Security | redirect targets', (group) => {
  let tenant: Tenant
  let host: string
  group.setup(async () => {
    tenant = await ensureTenant('sec_redirects')
    host = hostOf(tenant)
    await ensureUser(tenant, 'executor')
  })

  async function switchLocale(client: any, back: string) {
    const page = await client.get('/login').header('host', host)
    const session = page.cookie(SESSION_COOKIE)?.value
    return client
      .post('/locale')
      .header('host', host)
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrfTokenFrom(page.text()), locale: 'en', back })
      .redirects(0)
  }

  test('the language switch returns only to a path on this host', async ({ client }) => {
    ;(await switchLocale(client, '/orders?page=2')).assertHeader('location', '/orders?page=2')
    for (const evil of ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', 'javascript:alert(1)']) {
      const response = await switchLocale(client, evil)
      response.assertStatus(302)
      response.assertHeader('location', '/')
    }
  })

  test('sign-in goes to `next` only when it is a path on this host', async ({ assert, client }) => {
    const form = await client.get('/login?next=%2Fplanner%3Fweek%3D2').header('host', host)
    assert.include(form.text(), 'name="next" value="/planner?week=2"')
    const good = await signInWithNext(client, '/planner?week=2')
    good.assertHeader('location', '/planner?week=2')
    for (const evil of ['//evil.example', '/\\evil.example', 'https://evil.example']) {
      const response = await signInWithNext(client, evil)
      response.assertStatus(302)
      response.assertHeader('location', '/dashboard')
    }
  })

  async function signInWithNext(client: any, next: string) {
    const page = await client.get('/login').header('host', host)
    return client
      .post('/login')
      .header('host', host)
      .withCookie(SESSION_COOKIE, page.cookie(SESSION_COOKIE)?.value)
      .form({ _csrf: csrfTokenFrom(page.text()), email: 'executor@sec-redirects.test', password: 'correct-horse-battery', next })
      .redirects(0)
  }
})
