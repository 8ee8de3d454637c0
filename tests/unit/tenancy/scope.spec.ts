import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'

test.group('Tenancy | scope | outside a scope', () => {
  test('a tenant model refuses to query', async ({ assert }) => {
    await assert.rejects(() => User.query().first(), /No tenant scope/)
  })

  test('the tenant query client refuses too', ({ assert }) => {
    assert.throws(() => tenantDb(), /No tenant scope/)
  })
})
