import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import type Tenant from '#tenancy/tenant'
import { settings } from '#core/settings'
import { queueService } from '#queue/queue_service'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { eventually, scalar, sendPings, Worker } from '#tests/helpers/bus'

/**
 * Real `node ace queue:listen` processes: killed with SIGKILL, run side by
 * side, and with this database's Redis keys deleted under them. Small batches
 * make a run take long enough to be interrupted half-way.
 */
const WORKER_ENV = {
  BUS_SWEEP_SECONDS: '1',
  QUEUE_SCHEDULE_CHECK_SECONDS: '1',
  BUS_BATCH_SIZE: '20',
  BUS_RETRY_DELAY_MS: '200',
}

const appliedPings = (beta: Tenant) => scalar(beta, `select count(*) from bus_inbox where type = 'bus.ping' and status = 'applied'`)
const appliedPongs = (alpha: Tenant) => scalar(alpha, `select count(*) from bus_inbox where type = 'bus.pong' and status = 'applied'`)

/**
 * Every ping was applied once in beta (one pong each, no more), and every pong
 * came back and was applied once in alpha.
 */
async function assertExactlyOnce(assert: any, alpha: Tenant, beta: Tenant, pings: string[]) {
  const sent = new Set(pings)
  const betaInbox = await inTenant(beta, async () =>
    (await tenantDb().rawQuery(`select id, status from bus_inbox where type = 'bus.ping'`)).rows
  )
  const receivedHere = betaInbox.filter((row: { id: string }) => sent.has(row.id))
  assert.equal(receivedHere.length, pings.length, 'every ping reached the inbox')
  assert.isTrue(receivedHere.every((row: { status: string }) => row.status === 'applied'), 'every ping applied')

  const pongs = await inTenant(beta, async () =>
    (await tenantDb().rawQuery(`select correlation_id from bus_outbox where type = 'bus.pong'`)).rows.map((row: any) => row.correlation_id)
  )
  const answered = pongs.filter((id: string) => sent.has(id))
  assert.equal(answered.length, pings.length, 'one pong per ping: no ping was applied twice')
  assert.equal(new Set(answered).size, pings.length)

  const back = await inTenant(alpha, async () =>
    (await tenantDb().rawQuery(`select correlation_id, status from bus_inbox where type = 'bus.pong'`)).rows
  )
  const backHere = back.filter((row: any) => sent.has(row.correlation_id))
  assert.equal(backHere.length, pings.length, 'every pong came back once')
  assert.isTrue(backHere.every((row: { status: string }) => row.status === 'applied'))
  assert.equal(await scalar(alpha, `select count(*) from bus_outbox where status <> 'delivered'`), 0)
  assert.equal(await scalar(beta, `select count(*) from bus_outbox where status <> 'delivered'`), 0)
}

/** Deletes every Bull key of this database (jobs, wake-ups, repeatable schedules). */
async function deleteQueueKeys(redis: Redis) {
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${settings.redis.keyPrefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length) deleted += await redis.del(...keys)
  } while (cursor !== '0')
  return deleted
}

/** Drops this database's queue connections, as a Redis restart would (other databases' clients stay). */
async function killQueueConnections(redis: Redis) {
  const name = `bull:${settings.redis.keyPrefix}`
  const clients = (await redis.client('LIST')) as string
  let killed = 0
  for (const line of clients.split('\n')) {
    const fields = Object.fromEntries(line.split(' ').map((pair) => pair.split('=')))
    if (fields.name === name) {
      await redis.client('KILL', 'ID', fields.id).catch(() => {})
      killed++
    }
  }
  return killed
}

test.group('Bus | crash recovery | real worker processes', (group) => {
  let alpha: Tenant
  let beta: Tenant
  let redis: Redis
  const workers: Worker[] = []
  const startWorker = async () => {
    const worker = new Worker(WORKER_ENV)
    workers.push(worker)
    await worker.ready()
    return worker
  }

  group.setup(async () => {
    // wake-ups must be taken by the spawned workers, not by a worker in this process
    await queueService.close()
    redis = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
    return async () => {
      redis.disconnect()
      await queueService.close()
    }
  })

  group.each.teardown(async () => {
    for (const worker of workers.splice(0)) await worker.kill('SIGKILL')
  })

  group.each.setup(async () => {
    // fresh tenants per test: counts start from zero
    const suffix = randomUUID().slice(0, 6)
    alpha = await ensureTenant(`busc_a${suffix}`)
    beta = await ensureTenant(`busc_b${suffix}`)
  })

  test('a worker SIGKILLed mid-delivery loses nothing; two restarted workers apply everything exactly once', async ({ assert }) => {
    const pings = await sendPings(alpha, beta.slug, 1500)

    const first = await startWorker()
    await eventually(async () => (await appliedPings(beta)) > 0, 60_000, () => `first applied ping (worker: ${first.output})`)
    await first.kill('SIGKILL')
    const doneAtKill = await appliedPongs(alpha)
    assert.isBelow(doneAtKill, pings.length, 'the worker was killed half-way')

    // two workers at once: they must not share a message either
    await Promise.all([startWorker(), startWorker()])
    await eventually(async () => (await appliedPongs(alpha)) >= pings.length, 120_000, 'every pong applied')
    await assertExactlyOnce(assert, alpha, beta, pings)
  }).timeout(240_000)

  test("Redis loses this database's queue keys and connections mid-way: the sweep comes back and delivers everything once", async ({ assert }) => {
    const worker = await startWorker()
    const pings = await sendPings(alpha, beta.slug, 1000)
    await eventually(async () => (await appliedPings(beta)) > 0, 60_000, () => `first applied ping (worker: ${worker.output})`)

    assert.isAbove(await deleteQueueKeys(redis), 0)
    await killQueueConnections(redis)
    assert.isBelow(await appliedPongs(alpha), pings.length, 'the keys went away half-way')

    await eventually(async () => (await appliedPongs(alpha)) >= pings.length, 120_000, () => `every pong applied (worker: ${worker.output})`)
    await assertExactlyOnce(assert, alpha, beta, pings)

    // now, with nothing running, messages whose wake-up never reached Redis (as if it was down at commit):
    // only the sweep, which the worker had to register again, can find them
    const silent = Array.from({ length: 100 }, () => randomUUID())
    await inTenant(alpha, () =>
      tenantDb()
        .table('bus_outbox')
        .multiInsert(silent.map((id) => ({ id, type: 'bus.ping', source_tenant: alpha.slug, target_tenant: beta.slug, payload: '{}' })))
    )
    await eventually(
      async () => (await appliedPongs(alpha)) >= pings.length + silent.length,
      120_000,
      () => `the silent pings answered (worker: ${worker.output})`
    )
    assert.include(worker.output, 'Repeatable schedules were missing in Redis: registered again')
    await assertExactlyOnce(assert, alpha, beta, [...pings, ...silent])
  }).timeout(240_000)
})
