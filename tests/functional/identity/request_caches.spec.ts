import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { settings } from '#core/settings'
import { SESSION_REFRESH_SECONDS } from '#core/session_store'
import { tenantDb } from '#tenancy/tenant_model'
import { ChangeUserStatus } from '#modules/identity/actions/change_user_status'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'

const SESSION_AGE_SECONDS = 8 * 60 * 60

/**
 * What a signed-in request no longer reads or writes each time (the user
 * row, the menu, an unchanged session) must still follow every change at
 * once: a cached user is forgotten when the user changes, and a session is
 * written whenever it changes.
 */
test.group('Identity | request caches | a change is seen on the next request', (group) => {
  let tenant: Tenant
  let host: string

  group.setup(async () => {
    tenant = await ensureTenant('cache_alpha')
    host = hostOf(tenant)
    await ensureUser(tenant, 'admin')
  })

  /** A fresh user of `role`, signed in, whose row is already cached by one page view. */
  async function signedInAndCached(client: ApiClient, role: User['role']) {
    const email = `${role.replace('_', '-')}-${Math.random().toString(36).slice(2, 8)}@cache-alpha.test`
    const user = await ensureUser(tenant, role, email)
    const { session } = await signIn(client, host, email)
    const page = await dashboard(client, session)
    page.assertStatus(200)
    return { user, session }
  }

  function dashboard(client: ApiClient, session: string) {
    return client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session).redirects(0)
  }

  test('a deactivated user is signed out on their next request', async ({ client }) => {
    const { user, session } = await signedInAndCached(client, 'department_head')
    const admin = await ensureUser(tenant, 'admin')
    const actor = { id: admin.id, email: admin.email, ip: null, userAgent: null }
    await inTenant(tenant, () => new ChangeUserStatus().handle(user, 'deactivated', actor))

    const locked = await dashboard(client, session)
    locked.assertStatus(302)
    locked.assertHeader('location', '/login')
  })

  test('a changed role changes the menu and the permissions on the next request', async ({ client }) => {
    const { user, session } = await signedInAndCached(client, 'executor')
    const before = await client.get('/admin/users').header('host', host).withCookie(SESSION_COOKIE, session)
    before.assertStatus(403)

    await inTenant(tenant, async () => {
      user.role = 'admin'
      await user.save()
    })

    const page = await dashboard(client, session)
    page.assertTextIncludes('href="/admin/users"')
    const after = await client.get('/admin/users').header('host', host).withCookie(SESSION_COOKIE, session)
    after.assertStatus(200)
  })

  test("another process's announcement of a change is heard", async ({ client }) => {
    const { user, session } = await signedInAndCached(client, 'executor')
    // Changed behind the model's back, then announced the way another process does.
    await inTenant(tenant, () => tenantDb().from('users').where('id', user.id).update({ status: 'deactivated' }))
    await redis.publish(`${settings.redis.keyPrefix}:users:changed`, `${tenant.slug}:${user.id}`)

    let status = 0
    for (let attempt = 0; attempt < 20 && status !== 302; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = (await dashboard(client, session)).status()
    }
    if (status !== 302) throw new Error(`the deactivated user still got ${status}`)
  })

  test("the dashboard's figures count a new user and a new department at once", async ({ assert, client }) => {
    // the office's figures are shown to admins, below their personal home
    const { session } = await signedInAndCached(client, 'admin')
    const figures = async () => {
      const html = (await dashboard(client, session)).text()
      return [...html.matchAll(/class="stat__value">([^<]+)</g)].map((match) => Number(match[1].replace(/\D/g, '')))
    }
    const [active, , departments] = await figures()

    await ensureUser(tenant, 'executor', `new-${Math.random().toString(36).slice(2, 8)}@cache-alpha.test`)
    await inTenant(tenant, async () => {
      await Department.create({ code: `d${Math.random().toString(36).slice(2, 8)}`, nameRu: 'Отдел', nameEn: 'Unit', isActive: true })
    })
    const [activeAfter, , departmentsAfter] = await figures()
    assert.equal(activeAfter, active + 1)
    assert.equal(departmentsAfter, departments + 1)
  })

  test('an unchanged session sends no cookie and keeps its expiry; a stale or changed one is written', async ({ assert, client }) => {
    const { session } = await signedInAndCached(client, 'executor')

    const unchanged = await dashboard(client, session)
    unchanged.assertStatus(200)
    assert.notInclude(String(unchanged.header('set-cookie') ?? ''), `${SESSION_COOKIE}=`)

    // Last slid longer ago than the refresh window: the expiry and the cookie are renewed.
    await redis.expire(session, SESSION_AGE_SECONDS - SESSION_REFRESH_SECONDS - 60)
    const stale = await dashboard(client, session)
    assert.include(String(stale.header('set-cookie') ?? ''), `${SESSION_COOKIE}=`)
    assert.isAbove(await redis.ttl(session), SESSION_AGE_SECONDS - 60)

    // Signing out changes the session: it is written (and the user is a guest again).
    const page = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
    const csrf = page.text().match(/name='_csrf' value='([^']+)'/)![1]
    const logout = await client.post('/logout').header('host', host).withCookie(SESSION_COOKIE, session).form({ _csrf: csrf }).redirects(0)
    assert.include(String(logout.header('set-cookie') ?? ''), `${SESSION_COOKIE}=`)
    const after = await dashboard(client, session)
    after.assertStatus(302)
  })
})
