import { test } from '@japa/runner'
import type Tenant from '#tenancy/tenant'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { whileDatabaseDown, whileRuntimePoolExhausted } from '#tests/helpers/pools'

/**
 * When PostgreSQL has no free connection for the request, the answer is a
 * 503 with Retry-After in the user's language: not a stack trace, and at
 * sign-in not "wrong password" (and no attempt is counted toward the lockout).
 */
test.group('Security | no free database connection', (group) => {
  let tenant: Tenant
  let host: string
  group.setup(async () => {
    tenant = await ensureTenant('sec_busy')
    host = hostOf(tenant)
    await ensureUser(tenant, 'executor')
    await ensureUser(tenant, 'controller')
  })

  test('sign-in answers 503 (not "wrong password") and the failures cost no attempt', async ({ assert, client }) => {
    const email = 'executor@sec-busy.test'
    await whileRuntimePoolExhausted(async () => {
      for (let attempt = 1; attempt <= 6; attempt++) {
        const { response } = await signIn(client, host, email)
        response.assertStatus(503)
        assert.equal(response.header('retry-after'), '5')
        assert.include(response.text(), 'Повторите попытку через несколько секунд')
        assert.notInclude(response.text(), 'Неверная электронная почта или пароль')
      }
    })
    const { response } = await signIn(client, host, email)
    response.assertStatus(302)
    response.assertHeader('location', '/dashboard')
  })

  test('the token endpoint answers 503 JSON in the caller\'s language', async ({ assert, client }) => {
    await whileRuntimePoolExhausted(async () => {
      const response = await client
        .post('/api/v1/auth/tokens')
        .header('host', host)
        .header('x-locale', 'en')
        .json({ email: 'controller@sec-busy.test', password: 'whatever-password' })
      response.assertStatus(503)
      assert.equal(response.header('retry-after'), '5')
      assert.deepEqual(response.body().errors[0].code, 'E_SERVICE_UNAVAILABLE')
      assert.include(response.body().errors[0].message, 'try again in a few seconds')
    })
  })

  test('a page answers 503 with Retry-After and a message, without stack frames', async ({ assert, client }) => {
    const { session } = await signIn(client, host, 'controller@sec-busy.test')
    await whileRuntimePoolExhausted(async () => {
      const page = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
      page.assertStatus(503)
      assert.equal(page.header('retry-after'), '5')
      assert.include(page.text(), 'Сервис временно перегружен')
      assert.notInclude(page.text(), 'node_modules')
    })
  })

  test('PostgreSQL refusing connections: a page and sign-in answer 503, not 500 or "wrong password"', async ({ assert, client }) => {
    const { session } = await signIn(client, host, 'controller@sec-busy.test')
    await whileDatabaseDown(async () => {
      const page = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
      page.assertStatus(503)
      assert.include(page.text(), 'Сервис временно перегружен')
      const { response } = await signIn(client, host, 'executor@sec-busy.test')
      response.assertStatus(503)
    })
  })
})
