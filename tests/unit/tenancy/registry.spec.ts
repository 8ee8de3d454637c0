import { test } from '@japa/runner'
import { tenantRegistry } from '#tenancy/tenant_registry'

test.group('Tenancy | resolve | host names', () => {
  test('<slug>.<APP_DOMAIN> names the tenant', ({ assert }) => {
    assert.equal(tenantRegistry.slugFromHost('social.localhost'), 'social')
  })

  test('the apex domain and www serve the portal', ({ assert }) => {
    assert.equal(tenantRegistry.slugFromHost('localhost'), 'portal')
    assert.equal(tenantRegistry.slugFromHost('www.localhost'), 'portal')
  })

  test('deeper or foreign hosts name no tenant', ({ assert }) => {
    assert.isNull(tenantRegistry.slugFromHost('a.b.localhost'))
    assert.isNull(tenantRegistry.slugFromHost('social.example.org'))
  })
})
