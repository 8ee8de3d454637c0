import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom, postFrom, signIn, submitForm } from '#tests/helpers/http'

test.group('Identity | session | login and logout', (group) => {
  let host: string
  group.setup(async () => {
    const tenant = await ensureTenant('auth_alpha')
    host = hostOf(tenant)
    await ensureUser(tenant, 'admin')
    await ensureUser(tenant, 'executor')
    const inactive = await ensureUser(tenant, 'controller', 'gone@auth-alpha.test')
    await inTenant(tenant, async () => {
      inactive.status = 'deactivated'
      await inactive.save()
    })
  })

  test('a user signs in and sees the Russian home page', async ({ client }) => {
    const { response, session } = await signIn(client, host, 'executor@auth-alpha.test')
    response.assertStatus(302)
    response.assertHeader('location', '/dashboard')
    const dashboard = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('<h1>Главная</h1>')
    dashboard.assertTextIncludes('Добро пожаловать')
  })

  test('the session cookie is host-only and HttpOnly', async ({ assert, client }) => {
    const page = await client.get('/login').header('host', host)
    const header = String(page.header('set-cookie'))
    assert.include(header, 'HttpOnly')
    assert.notInclude(header.toLowerCase(), 'domain=')
  })

  test('a wrong password shows an error in Russian and keeps the email', async ({ client }) => {
    const { response, session } = await signIn(client, host, 'executor@auth-alpha.test', 'wrong-password')
    response.assertStatus(302)
    const page = await client.get('/login').header('host', host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes('Неверная электронная почта или пароль.')
    page.assertTextIncludes('value="executor@auth-alpha.test"')
  })

  test('a deactivated user cannot sign in', async ({ client }) => {
    const { response, session } = await signIn(client, host, 'gone@auth-alpha.test')
    response.assertHeader('location', '/login')
    const dashboard = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session).redirects(0)
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/login')
  })

  test('a form without the CSRF token is rejected', async ({ client }) => {
    const response = await client
      .post('/login')
      .header('host', host)
      .form({ email: 'executor@auth-alpha.test', password: 'correct-horse-battery' })
      .redirects(0)
    response.assertStatus(302)
    const dashboard = await client.get('/dashboard').header('host', host).redirects(0)
    dashboard.assertStatus(302)
  })

  test('an empty form gets per-field messages in Russian', async ({ client }) => {
    const page = await client.get('/login').header('host', host)
    const session = page.cookie(SESSION_COOKIE)?.value
    const response = await submitForm(client, host, session, '/login', '/login', { email: 'not-an-email', password: '' })
    response.assertStatus(200)
    response.assertTextIncludes('Укажите корректный адрес электронной почты')
    response.assertTextIncludes('Заполните поле «Пароль»')
  })

  test('logout ends the session', async ({ client }) => {
    const { session } = await signIn(client, host, 'executor@auth-alpha.test')
    const dashboard = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
    const logout = await client
      .post('/logout')
      .header('host', host)
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrfTokenFrom(dashboard.text()) })
      .redirects(0)
    logout.assertHeader('location', '/login')
    const after = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session).redirects(0)
    after.assertStatus(302)
  })

  test('sign-in records the time and an audit entry', async ({ assert, client }) => {
    await signIn(client, host, 'admin@auth-alpha.test')
    const tenant = await ensureTenant('auth_alpha')
    const user = await inTenant(tenant, () => User.findByOrFail('email', 'admin@auth-alpha.test'))
    assert.isNotNull(user.lastLoginAt)
  })
})

test.group('Identity | session | rate limit', (group) => {
  let host: string
  group.setup(async () => {
    const tenant = await ensureTenant('auth_limit')
    host = hostOf(tenant)
    await ensureUser(tenant, 'executor')
  })

  test('five failed attempts block the sixth, even with the right password', async ({ assert, client }) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { response } = await signIn(client, host, 'executor@auth-limit.test', 'wrong-password')
      response.assertStatus(302)
    }
    const { response } = await signIn(client, host, 'executor@auth-limit.test')
    response.assertStatus(429)
    assert.isAbove(Number(response.header('retry-after')), 0)
    response.assertTextIncludes('Слишком много попыток входа')
  })
})

test.group('Identity | locale | language switch', (group) => {
  let host: string
  group.setup(async () => {
    host = hostOf(await ensureTenant('auth_locale'))
  })

  test('a guest switches to English and the choice sticks in a cookie', async ({ client }) => {
    const { response } = await postFrom(client, host, undefined, '/login', '/locale', { locale: 'en', back: '/login' })
    response.assertHeader('location', '/login')
    const locale = response.cookie('krai-locale')?.value
    const english = await client.get('/login').header('host', host).withPlainCookie('krai-locale', locale)
    english.assertTextIncludes('<html lang="en">')
    english.assertTextIncludes('Sign in with your office account.')
  })

  test('an unknown language is refused and a foreign "back" address is ignored', async ({ assert, client }) => {
    const german = await postFrom(client, host, undefined, '/login', '/locale', { locale: 'de' })
    assert.isUndefined(german.response.cookie('krai-locale'))
    const foreign = await postFrom(client, host, undefined, '/login', '/locale', { locale: 'en', back: '//evil.example/' })
    foreign.response.assertHeader('location', '/')
  })
})
