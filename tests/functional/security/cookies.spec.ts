import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import type Tenant from '#tenancy/tenant'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, reportWithPhoto, sessionOf } from '#tests/helpers/problems'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE, issueToken, signIn } from '#tests/helpers/http'

function assertNoCookie(assert: any, response: ApiResponse, what: string) {
  assert.isBelow(response.status(), 400, `${what} answered ${response.status()}`)
  assert.isUndefined(response.header('set-cookie'), `${what} set a cookie`)
}

/**
 * Anonymous machine endpoints and publicly cacheable answers carry no
 * session: a calendar app or an Open311 client collects no cookie, and a
 * shared cache can never hand one visitor's session to another.
 */
test.group('Security | no session cookie on machine endpoints', (group) => {
  let block: Tenant
  let portal: Tenant
  group.setup(async () => {
    block = await ensureTenant('sec_cookies_block')
    portal = await ensureTenant('sec_cookies_portal', 'portal')
    await ensureUser(block, 'controller')
  })

  test('Open311, the web app manifest and service worker, OpenAPI and open datasets set no cookie', async ({ assert, client }) => {
    const checks: Array<[string, string]> = [
      [hostOf(portal), '/open311/v2/discovery.json'],
      [hostOf(portal), '/open311/v2/services.json'],
      [hostOf(portal), '/open311/v2/requests.xml'],
      [hostOf(portal), '/manifest.webmanifest'],
      [hostOf(portal), '/sw.js'],
      [hostOf(portal), '/api/openapi.json'],
      [hostOf(block), '/staffing/public.json'],
      [hostOf(block), '/staffing/public.csv'],
    ]
    for (const [host, path] of checks) {
      assertNoCookie(assert, await client.get(path).header('host', host), path)
    }
  })

  test('publicly cacheable answers never carry Set-Cookie (a problem\'s photo)', async ({ assert, client }) => {
    const citizens = await problemsPortal('sec_cookies_citizens')
    const { problemId, photoId } = await reportWithPhoto(citizens)
    const served = await client.get(`/problems/${problemId}/photos/${photoId}`).header('host', citizens.host)
    assert.include(String(served.header('cache-control')), 'public')
    assertNoCookie(assert, served, 'a public photo')

    // hidden by moderation: only moderators see it, and no shared cache may keep it
    await inTenant(citizens.tenant, () => tenantDb().from('problems').where('id', problemId).update({ hidden_at: new Date() }))
    const moderator = await sessionOf(client, citizens.host, citizens.moderator.email)
    const hidden = await client.get(`/problems/${problemId}/photos/${photoId}`).header('host', citizens.host).withCookie(SESSION_COOKIE, moderator)
    hidden.assertStatus(200)
    assert.notInclude(String(hidden.header('cache-control')), 'public')
    ;(await client.get(`/problems/${problemId}/photos/${photoId}`).header('host', citizens.host)).assertStatus(404)
  })

  test('the calendar feed sets no cookie, even to a browser that has a session', async ({ assert, client }) => {
    const token = await issueToken(client, hostOf(block), 'controller@sec-cookies-block.test')
    const issued = await client.post('/api/v1/planner/feed-token').header('host', hostOf(block)).bearerToken(token)
    const path = new URL(issued.body().data.url).pathname
    assertNoCookie(assert, await client.get(path).header('host', hostOf(block)), path)
    const { session } = await signIn(client, hostOf(block), 'controller@sec-cookies-block.test')
    assertNoCookie(assert, await client.get(path).header('host', hostOf(block)).withCookie(SESSION_COOKIE, session), `${path} with a session`)
  })

  test('pages still start a session', async ({ assert, client }) => {
    const page = await client.get('/login').header('host', hostOf(block))
    assert.exists(page.cookie(SESSION_COOKIE))
  })
})
