import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#tenancy/tenant'
import { tenantUrl } from '#tenancy/tenant_urls'
import { assertTrustedProxies } from '#core/trusted_proxies'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { getFrom, issueToken, trusting } from '#tests/helpers/http'
import { problemsPortal, reportWithPhoto } from '#tests/helpers/problems'


/** A failed token request claiming to come from `forwardedFor`. */
function wrongPassword(client: ApiClient, host: string, email: string, forwardedFor: string) {
  return client.post('/api/v1/auth/tokens').header('host', host).header('x-forwarded-for', forwardedFor).json({ email, password: 'wrong-password' })
}

test.group('Security | trusted proxies', (group) => {
  let block: Tenant
  let portal: Tenant
  group.setup(async () => {
    block = await ensureTenant('sec_proxy_block')
    portal = await ensureTenant('sec_proxy_portal', 'portal')
    await ensureUser(block, 'executor')
    await ensureUser(block, 'controller')
  })

  test('by default a forged X-Forwarded-For does not escape the sign-in limiter', async ({ client }) => {
    const host = hostOf(block)
    for (let attempt = 1; attempt <= 5; attempt++) {
      ;(await wrongPassword(client, host, 'executor@sec-proxy-block.test', `203.0.113.${attempt}`)).assertStatus(401)
    }
    const sixth = await wrongPassword(client, host, 'executor@sec-proxy-block.test', '203.0.113.99')
    sixth.assertStatus(429)
  })

  test('behind a listed proxy, X-Forwarded-For is the client address', async ({ client }) => {
    const host = hostOf(block)
    await trusting('loopback', async () => {
      for (let attempt = 1; attempt <= 6; attempt++) {
        ;(await wrongPassword(client, host, 'controller@sec-proxy-block.test', `198.51.100.${attempt}`)).assertStatus(401)
      }
    })
  })

  test('a mistyped TRUSTED_PROXIES entry is named', async ({ assert }) => {
    await trusting('10.0.0.0/8, proxy.internal', async () => {
      assert.throws(() => assertTrustedProxies(), /TRUSTED_PROXIES must list IP addresses or CIDRs/)
    })
    assert.doesNotThrow(() => assertTrustedProxies())
  })

  test('by default X-Forwarded-Host and X-Forwarded-Proto choose neither the tenant nor the links', async ({ assert, client }) => {
    const discovery = await client
      .get('/open311/v2/discovery.json')
      .header('host', hostOf(portal))
      .header('x-forwarded-host', 'evil.example')
      .header('x-forwarded-proto', 'https')
    discovery.assertStatus(200)
    const endpoint = discovery.body().endpoints[0]
    assert.equal(endpoint.url, `${tenantUrl(portal)}/open311/v2`)
    assert.equal(discovery.body().contact, `${tenantUrl(portal)}/`)
  })

  test('Open311 media_url ignores forged forwarding headers', async ({ assert, client }) => {
    const citizens = await problemsPortal('sec_proxy_citizens')
    const { problemId, photoId } = await reportWithPhoto(citizens)
    const requests = await client
      .get(`/open311/v2/requests/${problemId}.json`)
      .header('host', citizens.host)
      .header('x-forwarded-host', 'evil.example')
      .header('x-forwarded-proto', 'https')
    requests.assertStatus(200)
    const [row] = requests.body()
    assert.equal(row.media_url, `${tenantUrl(citizens.tenant)}/problems/${problemId}/photos/${photoId}`)
  })

  test('even from a trusted proxy, absolute links come from the registered tenant URL', async ({ assert }) => {
    // Adonis remembers per peer address whether it is a proxy: this peer is one nobody asked about before
    await trusting('127.0.0.2', async () => {
      // the proxy names the tenant (that is what it is for) but the links keep the registered protocol and port
      const discovery = await getFrom('127.0.0.2', '/open311/v2/discovery.json', {
        'host': 'internal-upstream:8080',
        'x-forwarded-host': hostOf(portal),
        'x-forwarded-proto': 'https',
      })
      assert.equal(discovery.status, 200)
      assert.equal(JSON.parse(discovery.body).endpoints[0].url, `${tenantUrl(portal)}/open311/v2`)
    })
  })

  test('the planner feed link is built from the registered tenant URL', async ({ assert, client }) => {
    const token = await issueToken(client, hostOf(block), 'controller@sec-proxy-block.test')
    const issued = await client
      .post('/api/v1/planner/feed-token')
      .header('host', hostOf(block))
      .header('x-forwarded-proto', 'https')
      .header('x-forwarded-host', 'evil.example')
      .bearerToken(token)
    issued.assertStatus(201)
    assert.match(issued.body().data.url, new RegExp(`^${tenantUrl(block).replace(/[.]/g, '\\.')}/planner/feed/[A-Za-z0-9_-]+\\.ics$`))
  })
})
