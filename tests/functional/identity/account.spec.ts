import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

test.group('Identity | my account', (group) => {
  let tenant: Tenant
  let host: string

  group.setup(async () => {
    tenant = await ensureTenant('acc_alpha')
    host = hostOf(tenant)
    await ensureUser(tenant, 'executor', 'reader@acc-alpha.test')
  })

  test('a guest is sent to sign in', async ({ client }) => {
    const response = await client.get('/account').header('host', host).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('a user turns e-mail notifications off and switches to English', async ({ assert, client }) => {
    const { session } = await signIn(client, host, 'reader@acc-alpha.test')
    const page = await client.get('/account').header('host', host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('Дублировать уведомления на электронную почту')

    const saved = await submitForm(client, host, session, '/account', '/account', { locale: 'en' })
    saved.assertTextIncludes('Settings saved.')
    saved.assertTextIncludes('Send my notifications by e-mail too')

    const user = await inTenant(tenant, () => User.findByOrFail('email', 'reader@acc-alpha.test'))
    assert.equal(user.locale, 'en')
    assert.isFalse(user.emailNotifications)

    await submitForm(client, host, session, '/account', '/account', { locale: 'ru', emailNotifications: 'true' })
    const again = await inTenant(tenant, () => User.findByOrFail('email', 'reader@acc-alpha.test'))
    assert.equal(again.locale, 'ru')
    assert.isTrue(again.emailNotifications)
  })

  test('an unknown language gets a per-field message and changes nothing', async ({ assert, client }) => {
    const { session } = await signIn(client, host, 'reader@acc-alpha.test')
    const response = await submitForm(client, host, session, '/account', '/account', { locale: 'xx', emailNotifications: 'true' })
    response.assertTextIncludes('Выберите значение поля')
    const user = await inTenant(tenant, () => User.findByOrFail('email', 'reader@acc-alpha.test'))
    assert.equal(user.locale, 'ru')
  })
})
