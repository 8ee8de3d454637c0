import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import type Tenant from '#tenancy/tenant'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { sendFrom } from '#tests/helpers/bus'

test.group('Bus | monitor page | /admin/bus', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  let control: Tenant
  let block: Tenant
  const failedId = randomUUID()

  group.setup(async () => {
    control = await ensureTenant('busm_control', 'control')
    block = await ensureTenant('busm_block')
    await ensureUser(control, 'admin')
    await ensureUser(control, 'executor')
    await ensureUser(block, 'admin')
    await sendFrom(control, 'busm_block', 'bus.ping', [{ echo: 'waiting' }])
    await inTenant(control, () =>
      tenantDb().table('bus_outbox').insert({
        id: failedId,
        type: 'orders.issued',
        source_tenant: 'busm_control',
        target_tenant: 'busm_block',
        payload: JSON.stringify({ title: 'secret-payload-text' }),
        status: 'failed',
        attempts: 10,
        last_error: 'target refused',
      })
    )
  })

  test("the control tenant's admin sees every tenant's counts and the failed messages, never a payload", async ({ assert, client }) => {
    const { session } = await signIn(client, hostOf(control), 'admin@busm-control.test')
    const page = await client.get('/admin/bus').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('Шина тенантов')
    page.assertTextIncludes('<code>busm_block</code>')
    page.assertTextIncludes(failedId)
    page.assertTextIncludes('target refused')
    page.assertTextIncludes('href="/admin/bus"')
    assert.notInclude(page.text(), 'secret-payload-text')
  })

  test('other roles get 403; other tenant kinds do not have the page', async ({ client }) => {
    const executor = await signIn(client, hostOf(control), 'executor@busm-control.test')
    const denied = await client.get('/admin/bus').header('host', hostOf(control)).withCookie(SESSION_COOKIE, executor.session)
    denied.assertStatus(403)

    const blockAdmin = await signIn(client, hostOf(block), 'admin@busm-block.test')
    const missing = await client.get('/admin/bus').header('host', hostOf(block)).withCookie(SESSION_COOKIE, blockAdmin.session)
    missing.assertStatus(404)
  })

  test('signed out, the page asks to sign in', async ({ client }) => {
    const response = await client.get('/admin/bus').header('host', hostOf(control)).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
