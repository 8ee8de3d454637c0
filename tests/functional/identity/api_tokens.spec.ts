import { test } from '@japa/runner'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'

test.group('Identity | API | access tokens', (group) => {
  let host: string
  group.setup(async () => {
    const tenant = await ensureTenant('api_alpha')
    host = hostOf(tenant)
    await ensureUser(tenant, 'executor')
  })

  test('a token is issued for valid credentials and identifies the user', async ({ assert, client }) => {
    const response = await client.post('/api/v1/auth/tokens').header('host', host).json({ email: 'executor@api-alpha.test', password: 'correct-horse-battery' })
    response.assertStatus(201)
    assert.match(response.body().token, /^krt_/)
    const me = await client.get('/api/v1/me').header('host', host).bearerToken(response.body().token)
    me.assertBodyContains({ data: { email: 'executor@api-alpha.test', role: 'executor', tenant: 'api_alpha' } })
  })

  test('a bad body gets 422 with per-field messages in Russian by default', async ({ client }) => {
    const response = await client.post('/api/v1/auth/tokens').header('host', host).json({ email: 'x' })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        { field: 'email', message: 'Укажите корректный адрес электронной почты' },
        { field: 'password', message: 'Заполните поле «Пароль»' },
      ],
    })
  })

  test('and in English when the client asks for it', async ({ client }) => {
    const response = await client.post('/api/v1/auth/tokens').header('host', host).header('x-locale', 'en').json({ email: 'x' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'email', message: 'Enter a valid email address' }] })
  })

  test('wrong credentials get 401', async ({ client }) => {
    const response = await client.post('/api/v1/auth/tokens').header('host', host).json({ email: 'executor@api-alpha.test', password: 'nope' })
    response.assertStatus(401)
  })

  test('a revoked token no longer works', async ({ client }) => {
    const token = await issueToken(client, host, 'executor@api-alpha.test')
    const revoke = await client.delete('/api/v1/auth/tokens/current').header('host', host).bearerToken(token)
    revoke.assertStatus(204)
    const me = await client.get('/api/v1/me').header('host', host).bearerToken(token)
    me.assertStatus(401)
  })

  test('an executor cannot read other users over the API', async ({ client }) => {
    const admin = await ensureUser(await ensureTenant('api_alpha'), 'admin')
    const token = await issueToken(client, host, 'executor@api-alpha.test')
    const response = await client.get(`/api/v1/users/${admin.id}`).header('host', host).bearerToken(token)
    response.assertStatus(403)
  })
})
