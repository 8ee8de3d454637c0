import { test } from '@japa/runner'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { ensureTenant, hostOf } from '#tests/helpers/tenants'

test.group('Tenancy | resolve | HTTP hosts', (group) => {
  group.setup(async () => {
    await ensureTenant('res_alpha')
    await ensureTenant('portal', 'portal')
    if (!(await tenantRegistry.findBySlug('res_extra'))) {
      await tenantProvisioner.create({
        slug: 'res_extra',
        kind: 'block',
        nameRu: 'Блок с доменом',
        nameEn: 'Block with a domain',
        hosts: ['extra.example.test'],
      })
    }
  })

  test('a tenant host serves its login page with the tenant name in Russian', async ({ client }) => {
    const response = await client.get('/login').header('host', 'res_alpha.localhost:3334')
    response.assertStatus(200)
    response.assertTextIncludes('Тестовый res_alpha')
    response.assertTextIncludes('Вход в систему')
  })

  test('a registered extra host serves its tenant', async ({ client }) => {
    const response = await client.get('/login').header('host', 'extra.example.test')
    response.assertStatus(200)
    response.assertTextIncludes('Блок с доменом')
  })

  test('an unknown host gets the 404 page', async ({ client }) => {
    const response = await client.get('/login').header('host', 'nobody.localhost')
    response.assertStatus(404)
    response.assertTextIncludes('Ведомство не найдено')
  })

  test('a foreign domain gets the 404 page', async ({ client }) => {
    const response = await client.get('/').header('host', 'evil.example.org')
    response.assertStatus(404)
  })

  test('the apex domain serves the portal', async ({ client }) => {
    const response = await client.get('/').header('host', 'localhost:3334')
    response.assertStatus(200)
    response.assertTextIncludes('Открытый регион')
  })

  test('a suspended tenant answers 503 with a page that says so, and comes back on resume', async ({ client }) => {
    const tenant = await ensureTenant('res_paused')
    await tenantProvisioner.setStatus(tenant, 'suspended')
    const suspended = await client.get('/login').header('host', hostOf(tenant))
    suspended.assertStatus(503)
    suspended.assertTextIncludes('Работа ведомства приостановлена')
    suspended.assertTextIncludes('Тестовый res_paused')

    await tenantProvisioner.setStatus(tenant, 'active')
    const resumed = await client.get('/login').header('host', hostOf(tenant))
    resumed.assertStatus(200)
  })

  test('JSON clients get JSON errors for unknown hosts', async ({ client }) => {
    const response = await client.get('/api/v1/me').header('host', 'nobody.localhost')
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_TENANT_NOT_FOUND' }] })
  })
})
