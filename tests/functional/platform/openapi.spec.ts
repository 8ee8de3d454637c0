import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { ensureTenant, hostOf } from '#tests/helpers/tenants'

test.group('Platform | OpenAPI', () => {
  test('the description is served on every tenant host and documents every /api/v1 route', async ({ assert, client }) => {
    const tenant = await ensureTenant('openapi_alpha')
    const response = await client.get('/api/openapi.json').header('host', hostOf(tenant))
    response.assertStatus(200)
    const spec = response.body()
    assert.equal(spec.openapi, '3.1.0')

    const documented = new Set<string>()
    for (const [path, operations] of Object.entries(spec.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} /api/v1${path}`)
    }
    const apiRoutes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/api/v1/'))
    assert.isAtLeast(apiRoutes.length, 19)
    const missing = apiRoutes
      .flatMap((route) => route.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${route.pattern.replace(/:(\w+)/g, '{$1}')}`))
      .filter((entry) => !documented.has(entry))
    assert.deepEqual(missing, [])
  })
})
