import { test } from '@japa/runner'
import type Tenant from '#tenancy/tenant'
import { bus } from '#bus/bus'
import { busDb } from '#bus/bus_role'
import { relayOutbox } from '#bus/relay'
import { applyInbox } from '#bus/apply'
import { tenantDb } from '#tenancy/tenant_model'
import { queueService } from '#queue/queue_service'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { scalar, sendFrom } from '#tests/helpers/bus'

const relay = (tenant: Tenant) => inTenant(tenant, () => relayOutbox())
const apply = (tenant: Tenant) => inTenant(tenant, () => applyInbox())

function row(tenant: Tenant, table: 'bus_outbox' | 'bus_inbox', id: string) {
  return inTenant(tenant, async () => (await tenantDb().rawQuery(`select * from ${table} where id = ?`, [id])).rows[0])
}

test.group('Bus | messages | send, relay, apply', (group) => {
  let alpha: Tenant
  let beta: Tenant

  group.setup(async () => {
    alpha = await ensureTenant('bus_alpha')
    beta = await ensureTenant('bus_beta')
  })

  test('a message is written with the business change and disappears with its rollback', async ({ assert }) => {
    const kept = await inTenant(alpha, () =>
      tenantDb().transaction(async (trx) => {
        await trx.table('departments').insert({ code: 'bus-kept', name_ru: 'Отдел', name_en: 'Dept', created_at: new Date(), updated_at: new Date() })
        return bus.send(trx, { to: 'bus_beta', type: 'bus.ping', payload: { echo: 'kept' } })
      })
    )
    let rolledBack = ''
    await assert.rejects(() =>
      inTenant(alpha, () =>
        tenantDb().transaction(async (trx) => {
          await trx.table('departments').insert({ code: 'bus-lost', name_ru: 'Отдел', name_en: 'Dept', created_at: new Date(), updated_at: new Date() })
          rolledBack = await bus.send(trx, { to: 'bus_beta', type: 'bus.ping', payload: { echo: 'lost' } })
          throw new Error('the business change failed')
        })
      )
    )
    assert.isOk(rolledBack)
    assert.containSubset(await row(alpha, 'bus_outbox', kept), {
      type: 'bus.ping',
      source_tenant: 'bus_alpha',
      target_tenant: 'bus_beta',
      payload: { echo: 'kept' },
      status: 'pending',
      attempts: 0,
    })
    assert.isUndefined(await row(alpha, 'bus_outbox', rolledBack))
    assert.equal(await scalar(alpha, `select count(*) from departments where code = 'bus-lost'`), 0)
  })

  test('a ping is applied in the target and its pong comes back with the ping id as correlation', async ({ assert }) => {
    const [ping] = await sendFrom(alpha, 'bus_beta', 'bus.ping', [{ echo: 'round trip' }])

    assert.isAtLeast((await relay(alpha)).delivered, 1)
    assert.equal((await row(alpha, 'bus_outbox', ping)).status, 'delivered')
    assert.containSubset(await row(beta, 'bus_inbox', ping), { source_tenant: 'bus_alpha', status: 'pending' })

    assert.isAtLeast((await apply(beta)).applied, 1)
    assert.equal((await row(beta, 'bus_inbox', ping)).status, 'applied')
    const pong = await inTenant(beta, async () =>
      (await tenantDb().rawQuery(`select * from bus_outbox where correlation_id = ?`, [ping])).rows
    )
    assert.lengthOf(pong, 1)
    assert.containSubset(pong[0], { type: 'bus.pong', target_tenant: 'bus_alpha', payload: { echo: 'round trip' } })

    await relay(beta)
    await apply(alpha)
    assert.containSubset(await row(alpha, 'bus_inbox', pong[0].id), { type: 'bus.pong', correlation_id: ping, status: 'applied' })
  })

  test('the same message delivered twice is applied once', async ({ assert }) => {
    const [ping] = await sendFrom(alpha, 'bus_beta', 'bus.ping', [{ echo: 'twice' }])
    await relay(alpha)
    // as if the worker died after the inbox insert but before marking the outbox row delivered
    await inTenant(alpha, () => tenantDb().rawQuery(`update bus_outbox set status = 'pending' where id = ?`, [ping]))
    await relay(alpha)
    assert.equal((await row(alpha, 'bus_outbox', ping)).status, 'delivered')

    // and a third copy straight from the bus role: nothing new
    const inbox = await busDb().rawQuery(
      `insert into tenant_bus_beta.bus_inbox (id, type, source_tenant, target_tenant, payload, sent_at)
       values (?, 'bus.ping', 'bus_alpha', 'bus_beta', '{}', now()) on conflict (id) do nothing returning id`,
      [ping]
    )
    assert.equal(inbox.rowCount, 0)

    await apply(beta)
    await apply(beta)
    assert.equal(await scalar(beta, 'select count(*) from bus_inbox where id = ?', [ping]), 1)
    assert.equal(await scalar(beta, 'select count(*) from bus_outbox where correlation_id = ?', [ping]), 1)
  })

  test('the inbox names the tenant whose outbox the message came from, whatever the row claims', async ({ assert }) => {
    const forged = crypto.randomUUID()
    await inTenant(alpha, () =>
      tenantDb().table('bus_outbox').insert({ id: forged, type: 'bus.pong', source_tenant: 'bus_gamma', target_tenant: 'bus_beta', payload: '{}' })
    )
    await relay(alpha)
    assert.equal((await row(beta, 'bus_inbox', forged)).source_tenant, 'bus_alpha')
  })

  test('send refuses an unknown type, an unknown tenant and a missing transaction', async ({ assert }) => {
    await inTenant(alpha, async () => {
      await assert.rejects(
        () => tenantDb().transaction((trx) => bus.send(trx, { to: 'bus_beta', type: 'nope.never' as any, payload: {} })),
        /Unknown bus message type "nope.never"/
      )
      await assert.rejects(
        () => tenantDb().transaction((trx) => bus.send(trx, { to: 'nosuch', type: 'bus.ping', payload: {} })),
        /Unknown target tenant "nosuch"/
      )
      await assert.rejects(
        () => bus.send(tenantDb() as any, { to: 'bus_beta', type: 'bus.ping', payload: {} }),
        /needs the transaction/
      )
    })
  })

  test('messages cross in both directions and to several targets in one send', async ({ assert }) => {
    const gamma = await ensureTenant('bus_gamma')
    const ids = await inTenant(alpha, () =>
      tenantDb().transaction((trx) =>
        bus.sendMany(trx, [
          { to: 'bus_beta', type: 'bus.ping', payload: { echo: 'b' } },
          { to: 'bus_gamma', type: 'bus.ping', payload: { echo: 'g' } },
        ])
      )
    )
    await relay(alpha)
    await apply(beta)
    await apply(gamma)
    assert.equal((await row(beta, 'bus_inbox', ids[0])).status, 'applied')
    assert.equal((await row(gamma, 'bus_inbox', ids[1])).status, 'applied')
    assert.isUndefined(await row(beta, 'bus_inbox', ids[1]))
    assert.isUndefined(await row(gamma, 'bus_inbox', ids[0]))
  })

  test('the relay is woken after the commit, also when the message was sent in a nested transaction', async ({ assert }) => {
    const sender = await ensureTenant('bus_nested')
    const relayJobs = async () =>
      (await queueService.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter(
        (job) => job?.name === 'bus.relay_outbox' && job.data.tenant === 'bus_nested'
      ).length

    let beforeCommit = -1
    await inTenant(sender, () =>
      tenantDb().transaction(async (outer) => {
        await outer.transaction((inner) => bus.send(inner, { to: 'bus_beta', type: 'bus.ping', payload: {} }))
        // the savepoint is released, but nothing is committed yet: no wake-up so far
        await new Promise((resolve) => setTimeout(resolve, 50))
        beforeCommit = await relayJobs()
      })
    )
    assert.equal(beforeCommit, 0)
    const deadline = Date.now() + 5000
    while ((await relayJobs()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(await relayJobs(), 1)
  })
})
