/*
|--------------------------------------------------------------------------
| Tenant bus benchmark
|--------------------------------------------------------------------------
|
| npm run bench:bus   (BENCH_DB_DATABASE=krai_bench_<you> on a shared server)
|
| On its own database (recreated each run) with a control tenant and
| BENCH_TARGETS blocks (default 4), real `node ace queue:listen` workers
| (BENCH_WORKERS, default 1) deliver and apply bus.ping messages; every ping
| is answered by a bus.pong, so each round trip is two messages.
|
|   1. burst: BENCH_MESSAGES messages (default 100 000, half pings, half
|      pongs) sent as fast as the sender can commit them, in transactions of
|      BENCH_SEND_BATCH (default 500). Prints messages/s from the first
|      commit to the last pong applied.               target ≥ 1 000 msg/s
|   2. steady stream: BENCH_RATE messages/s (default 1 000) for
|      BENCH_STREAM_SECONDS (default 20). Prints p50/p95/p99 of the one-way
|      latency (sender's insert → applied in the target) and of the round
|      trip (ping sent → pong applied back).            target p99 < 2 s
|
| For comparison in the same run: the time the sender alone needs to write
| the burst into its outbox (the floor no relay can beat).
|
*/

import './lib/environment.js'
import { clearBullKeys } from './lib/bull_keys.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { ROOT } from './lib/build.js'
import { percentile } from './lib/percentiles.js'
import { secondsSince } from './lib/measure.js'

const MESSAGES = Number(process.env.BENCH_MESSAGES || 100_000)
const TARGETS = Number(process.env.BENCH_TARGETS || 4)
const WORKERS = Number(process.env.BENCH_WORKERS || 1)
const SEND_BATCH = Number(process.env.BENCH_SEND_BATCH || 500)
const RATE = Number(process.env.BENCH_RATE || 1000)
const STREAM_SECONDS = Number(process.env.BENCH_STREAM_SECONDS || 20)

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

await ensureServicesOrExit()
const app = await bootOnFreshDatabase()
const { settings } = await import('#core/settings')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { bus } = await import('#bus/bus')
type Tenant = Awaited<ReturnType<typeof tenantProvisioner.create>>

// stale wake-ups and schedules of an earlier run of this database
const redis = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
await clearBullKeys(redis, settings.redis.keyPrefix)
redis.disconnect()

const control = await tenantProvisioner.create({ slug: 'control', kind: 'control', nameRu: 'Контроль', nameEn: 'Control' })
const blocks: Tenant[] = []
for (let index = 1; index <= TARGETS; index++) {
  blocks.push(await tenantProvisioner.create({ slug: `block${index}`, kind: 'block', nameRu: `Блок ${index}`, nameEn: `Block ${index}` }))
}
const inControl = <T>(callback: () => Promise<T>) => tenantScope.run(control, callback)

/** Sends `count` pings from control, spread over the blocks, in one transaction. */
async function sendPings(count: number, label: string) {
  await inControl(() =>
    tenantDb().transaction((trx) =>
      bus.sendMany(
        trx,
        Array.from({ length: count }, (_, index) => ({
          to: blocks[index % blocks.length].slug,
          type: 'bus.ping' as const,
          payload: { echo: label },
        }))
      )
    )
  )
}

async function appliedPongs() {
  return inControl(async () =>
    Number((await tenantDb().rawQuery(`select count(*) as total from bus_inbox where status = 'applied'`)).rows[0].total)
  )
}

async function waitForPongs(total: number, timeoutSeconds: number) {
  const deadline = performance.now() + timeoutSeconds * 1000
  let done = 0
  while (performance.now() < deadline) {
    done = await appliedPongs()
    if (done >= total) return
    await sleep(100)
  }
  throw new Error(`only ${done} of ${total} pongs applied after ${timeoutSeconds} s`)
}

/** One-way latencies (ms) of messages applied in a tenant's inbox since `since`. */
async function oneWayLatencies(tenant: Tenant, since: Date) {
  return tenantScope.run(tenant, async () =>
    (
      await tenantDb().rawQuery(
        `select extract(epoch from applied_at - sent_at) * 1000 as ms from bus_inbox where status = 'applied' and sent_at >= ?`,
        [since]
      )
    ).rows.map((row: { ms: string }) => Number(row.ms))
  )
}

const workers: ChildProcess[] = []
for (let index = 0; index < WORKERS; index++) {
  const worker = spawn(process.execPath, ['ace', 'queue:listen'], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  worker.stdout!.on('data', (chunk) => (output += chunk))
  worker.stderr!.on('data', (chunk) => process.stderr.write(`[worker ${index + 1}] ${chunk}`))
  workers.push(worker)
  while (!output.includes('Queue worker ready')) await sleep(100)
}

try {
  // warm-up: pools, JIT, handlers
  await sendPings(200, 'warm-up')
  await waitForPongs(200, 60)

  // 1. burst
  const pings = Math.floor(MESSAGES / 2)
  const before = await appliedPongs()
  const started = performance.now()
  for (let sent = 0; sent < pings; sent += SEND_BATCH) await sendPings(Math.min(SEND_BATCH, pings - sent), 'burst')
  const sendSeconds = secondsSince(started)
  await waitForPongs(before + pings, 600)
  const burstSeconds = secondsSince(started)
  const throughput = (pings * 2) / burstSeconds

  // 2. steady stream (a transaction every 50 ms)
  const streamStart = new Date()
  const perTick = Math.max(1, Math.round(RATE / 2 / 20))
  const ticks = STREAM_SECONDS * 20
  const streamStarted = performance.now()
  for (let tick = 0; tick < ticks; tick++) {
    await sendPings(perTick, 'stream')
    const wait = streamStarted + (tick + 1) * 50 - performance.now()
    if (wait > 0) await sleep(wait)
  }
  const streamPings = perTick * ticks
  await waitForPongs(before + pings + streamPings, 300)
  const oneWay = [...(await oneWayLatencies(control, streamStart))]
  for (const block of blocks) oneWay.push(...(await oneWayLatencies(block, streamStart)))
  const roundTrips = await inControl(async () =>
    (
      await tenantDb().rawQuery(
        `select extract(epoch from i.applied_at - o.created_at) * 1000 as ms
           from bus_inbox i join bus_outbox o on o.id = i.correlation_id
          where o.created_at >= ?`,
        [streamStart]
      )
    ).rows.map((row: { ms: string }) => Number(row.ms))
  )
  const p = (values: number[], q: number) => `${Math.round(percentile(values, q))} ms`
  const oneWayP99 = percentile(oneWay, 99)

  console.log('')
  console.log('Krai tenant bus benchmark')
  console.log(`  setup: 1 control + ${TARGETS} blocks, ${WORKERS} worker process(es), batch ${settings.bus.batchSize}, 2-core machine`)
  console.log(`  burst: ${pings * 2} messages (${pings} pings + ${pings} pongs)`)
  console.log(`    sender alone wrote ${pings} pings to its outbox in ${sendSeconds.toFixed(1)} s (${(pings / sendSeconds).toFixed(0)}/s)`)
  console.log(`    all delivered, applied and answered in ${burstSeconds.toFixed(1)} s`)
  console.log(`    throughput                     ${throughput.toFixed(0)} messages/s   (target ≥ 1 000: ${verdict(throughput >= 1000)})`)
  console.log(`  steady stream: ${streamPings * 2} messages at ${perTick * 2 * 20}/s for ${STREAM_SECONDS} s`)
  console.log(`    one-way latency (${oneWay.length})      p50 ${p(oneWay, 50)}, p95 ${p(oneWay, 95)}, p99 ${p(oneWay, 99)}   (target p99 < 2 s: ${verdict(oneWayP99 < 2000)})`)
  console.log(`    round trip ping → pong (${roundTrips.length})   p50 ${p(roundTrips, 50)}, p95 ${p(roundTrips, 95)}, p99 ${p(roundTrips, 99)}`)
} finally {
  for (const worker of workers) worker.kill('SIGTERM')
  await app.terminate()
}
