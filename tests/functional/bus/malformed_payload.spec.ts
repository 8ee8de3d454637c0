import { test } from '@japa/runner'
import type Tenant from '#tenancy/tenant'
import { relayOutbox } from '#bus/relay'
import { applyInbox } from '#bus/apply'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { scalar, sendFrom } from '#tests/helpers/bus'

function inboxRow(tenant: Tenant, id: string) {
  return inTenant(tenant, async () => (await tenantDb().rawQuery(`select * from bus_inbox where id = ?`, [id])).rows[0])
}

const issued = {
  orderId: 1,
  executorId: 1,
  number: 'CTL-2026-000001',
  type: 'instruction',
  body: 'Check the bridges',
  dueOn: '2026-12-31',
  executorDepartment: 'main',
  role: 'responsible' as const,
  specialControl: false,
  issuedBy: { name: 'Controller', organisation: 'Department of Control' },
}

test.group('Bus | apply | a malformed payload reaching a handler', (group) => {
  let alpha: Tenant
  let beta: Tenant

  group.setup(async () => {
    alpha = await ensureTenant('busm_alpha')
    beta = await ensureTenant('busm_beta')
  })

  test('fails before the handler runs, naming the message and the missing fields; the message beside it is applied', async ({
    assert,
  }) => {
    const { dueOn, ...withoutDueOn } = issued
    const malformed = { ...withoutDueOn, issuedBy: { name: 'Controller' } } as any
    const [bad] = await sendFrom(alpha, 'busm_beta', 'orders.issued', [malformed])
    const [fine] = await sendFrom(alpha, 'busm_beta', 'bus.pong', [{ echo: 'fine' }])
    await inTenant(alpha, () => relayOutbox())

    const result = await inTenant(beta, () => applyInbox())
    assert.deepEqual(result, { applied: 1, failed: 1 })
    assert.containSubset(await inboxRow(beta, fine), { status: 'applied' })
    // no retry can repair a payload: it is set aside at once, for bus:status and bus:retry
    assert.containSubset(await inboxRow(beta, bad), {
      status: 'failed',
      attempts: 1,
      last_error: `Message ${bad} (orders.issued) has a malformed payload: field "dueOn" is missing; field "issuedBy.organisation" is missing`,
    })
    assert.equal(await scalar(beta, `select count(*) from orders where origin_tenant = 'busm_alpha'`), 0)
  })

  test('a field of the wrong kind is named with what is wrong with it', async ({ assert }) => {
    const [bad] = await sendFrom(alpha, 'busm_beta', 'orders.issued', [{ ...issued, role: 'observer' } as any])
    await inTenant(alpha, () => relayOutbox())
    await inTenant(beta, () => applyInbox())
    assert.equal(
      (await inboxRow(beta, bad)).last_error,
      `Message ${bad} (orders.issued) has a malformed payload: field "role": The selected role is invalid`
    )
  })
})
