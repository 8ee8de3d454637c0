import { test } from '@japa/runner'
import type Tenant from '#tenancy/tenant'
import { relayOutbox } from '#bus/relay'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { sendFrom } from '#tests/helpers/bus'

function row(tenant: Tenant, table: 'bus_outbox' | 'bus_inbox', id: string) {
  return inTenant(tenant, async () => (await tenantDb().rawQuery(`select * from ${table} where id = ?`, [id])).rows[0])
}

test.group('Bus | relay | one undeliverable message in a batch', (group) => {
  let alpha: Tenant
  let beta: Tenant

  group.setup(async () => {
    alpha = await ensureTenant('busu_alpha')
    beta = await ensureTenant('busu_beta')
  })

  test('the healthy messages of the batch are delivered, only the corrupt one is set aside, its error names it and the cause', async ({
    assert,
  }) => {
    const [before] = await sendFrom(alpha, 'busu_beta', 'bus.ping', [{ echo: 'before' }])
    // a row no sender writes: a JSON null payload, which the inbox (payload not null) refuses
    const corrupt = crypto.randomUUID()
    await inTenant(alpha, () =>
      tenantDb().rawQuery(
        `insert into bus_outbox (id, type, source_tenant, target_tenant, payload) values (?, 'bus.ping', 'busu_alpha', 'busu_beta', 'null'::jsonb)`,
        [corrupt]
      )
    )
    const [after] = await sendFrom(alpha, 'busu_beta', 'bus.ping', [{ echo: 'after' }])

    const result = await inTenant(alpha, () => relayOutbox())
    assert.deepEqual(result, { delivered: 2, failed: 1 })

    for (const id of [before, after]) {
      assert.containSubset(await row(alpha, 'bus_outbox', id), { status: 'delivered', last_error: null })
      assert.exists(await row(beta, 'bus_inbox', id))
    }
    const parked = await row(alpha, 'bus_outbox', corrupt)
    // retrying cannot repair the row, so it is failed at once, for an operator (bus:status, bus:retry)
    assert.containSubset(parked, { status: 'failed', attempts: 1 })
    assert.equal(
      parked.last_error,
      `Message ${corrupt} (bus.ping) could not be delivered to busu_beta: null value in column "payload" of relation "bus_inbox" violates not-null constraint`
    )
    assert.notInclude(parked.last_error, 'insert into')
    assert.notExists(await row(beta, 'bus_inbox', corrupt))
  })
})
