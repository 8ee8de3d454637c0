import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, issueToken, signIn } from '#tests/helpers/http'

test.group('Tenancy | isolation | HTTP', (group) => {
  let alphaHost: string
  let betaHost: string
  let alphaOnlyId: number

  group.setup(async () => {
    const alpha = await ensureTenant('http_alpha')
    const beta = await ensureTenant('http_beta')
    alphaHost = hostOf(alpha)
    betaHost = hostOf(beta)
    // Same email and role on both sides: only the tenant tells them apart.
    await ensureUser(alpha, 'admin', 'admin@shared.test')
    await ensureUser(beta, 'admin', 'admin@shared.test')
    for (let index = 0; index < 5; index++) await ensureUser(alpha, 'executor', `extra${index}@http-alpha.test`)
    alphaOnlyId = await inTenant(alpha, async () => (await User.query().orderBy('id', 'desc').firstOrFail()).id)
  })

  test("A's session cookie is not a session on B's host", async ({ client }) => {
    const { session } = await signIn(client, alphaHost, 'admin@shared.test')
    const onAlpha = await client.get('/dashboard').header('host', alphaHost).withCookie(SESSION_COOKIE, session)
    onAlpha.assertStatus(200)
    const onBeta = await client.get('/dashboard').header('host', betaHost).withCookie(SESSION_COOKIE, session).redirects(0)
    onBeta.assertStatus(302)
    onBeta.assertHeader('location', '/login')
  })

  test("A's access token is rejected on B's host", async ({ client }) => {
    const token = await issueToken(client, alphaHost, 'admin@shared.test')
    const onAlpha = await client.get('/api/v1/me').header('host', alphaHost).bearerToken(token)
    onAlpha.assertStatus(200)
    onAlpha.assertBodyContains({ data: { tenant: 'http_alpha' } })
    const onBeta = await client.get('/api/v1/me').header('host', betaHost).bearerToken(token)
    onBeta.assertStatus(401)
  })

  test("A's user ids are 404 on B", async ({ client }) => {
    const token = await issueToken(client, betaHost, 'admin@shared.test')
    const response = await client.get(`/api/v1/users/${alphaOnlyId}`).header('host', betaHost).bearerToken(token)
    response.assertStatus(404)
    const sameOnAlpha = await client
      .get(`/api/v1/users/${alphaOnlyId}`)
      .header('host', alphaHost)
      .bearerToken(await issueToken(client, alphaHost, 'admin@shared.test'))
    sameOnAlpha.assertStatus(200)
  })

  test("A's user is unknown to B's login", async ({ client }) => {
    const { response } = await signIn(client, betaHost, 'extra0@http-alpha.test')
    response.assertHeader('location', '/login')
  })
})
