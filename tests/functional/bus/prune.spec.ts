import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import PruneBusJob from '#bus/jobs/prune_bus_job'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'

test.group('Bus | prune', () => {
  test('delivered and applied messages older than the retention go; recent, pending and failed ones stay', async ({ assert }) => {
    const tenant = await ensureTenant('busp_alpha')
    const ids = { oldDelivered: randomUUID(), newDelivered: randomUUID(), oldPending: randomUUID(), oldFailed: randomUUID() }
    const inbox = { oldApplied: randomUUID(), newApplied: randomUUID(), oldFailed: randomUUID() }
    const result = await inTenant(tenant, async () => {
      const outboxRow = (id: string, status: string, daysAgo: number) => ({
        id,
        type: 'bus.ping',
        source_tenant: 'busp_alpha',
        target_tenant: 'busp_alpha',
        status,
        created_at: new Date(Date.now() - daysAgo * 86_400_000),
        delivered_at: status === 'delivered' ? new Date(Date.now() - daysAgo * 86_400_000) : null,
      })
      await tenantDb()
        .table('bus_outbox')
        .multiInsert([
          outboxRow(ids.oldDelivered, 'delivered', 31),
          outboxRow(ids.newDelivered, 'delivered', 29),
          outboxRow(ids.oldPending, 'pending', 40),
          outboxRow(ids.oldFailed, 'failed', 40),
        ])
      const inboxRow = (id: string, status: string, daysAgo: number) => ({
        id,
        type: 'bus.ping',
        source_tenant: 'busp_alpha',
        target_tenant: 'busp_alpha',
        status,
        sent_at: new Date(Date.now() - daysAgo * 86_400_000),
        applied_at: status === 'applied' ? new Date(Date.now() - daysAgo * 86_400_000) : null,
      })
      await tenantDb()
        .table('bus_inbox')
        .multiInsert([inboxRow(inbox.oldApplied, 'applied', 31), inboxRow(inbox.newApplied, 'applied', 29), inboxRow(inbox.oldFailed, 'failed', 40)])
      return new PruneBusJob().handle()
    })
    assert.deepEqual(result, { outbox: 1, inbox: 1 })
    const left = await inTenant(tenant, async () => ({
      outbox: (await tenantDb().from('bus_outbox').select('id')).map((row) => row.id).sort(),
      inbox: (await tenantDb().from('bus_inbox').select('id')).map((row) => row.id).sort(),
    }))
    assert.deepEqual(left.outbox, [ids.newDelivered, ids.oldPending, ids.oldFailed].sort())
    assert.deepEqual(left.inbox, [inbox.newApplied, inbox.oldFailed].sort())
  })
})
