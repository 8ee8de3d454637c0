/*
|--------------------------------------------------------------------------
| Tenants benchmark (the connection budget)
|--------------------------------------------------------------------------
|
| npm run bench:tenants   (BENCH_DB_DATABASE, default krai_bench_tenants)
|
| On its own database (recreated each run): BENCH_TENANTS tenants (default
| 300; one block in five, the rest municipalities), provisioned in batches
| with one rollup rebuild per region of 60 (tenantProvisioner.createMany,
| BENCH_PROVISION_CONCURRENCY side by side, default 2; no more rebuilds once
| they would need half of the server's lock table), one signed-in user
| each. Prints:
|   1. provisioning: seconds per tenant, and the first region of ~60
|      tenants                                           target < 60 s
|   2. signed-in page loads (/dashboard) spread over every tenant, each
|      request another tenant's host and session, through the built server
|      (one process): p50/p95 beside /health/live in the same run
|                                                        target p95 < 50 ms
|   3. one pass of the scheduled per-tenant jobs (deadline sweep, planner,
|      problems and hearing reminders, e-mail delivery) over every tenant
|      plus the bus sweep, through Bull and an in-process worker
|      (QUEUE_CONCURRENCY)                               target < 30 s
|   4. PostgreSQL connections of the bench database, sampled from
|      pg_stat_activity every 100 ms, peak per phase and per process
|                                 target ≤ 2 × DB_POOL_MAX per process
|
| BENCH_SECONDS (default 15) and BENCH_CONNECTIONS (default 20) tune the
| load phase. Figures on a shared 2-core machine are indicative.
|
*/

import './lib/environment.js'
import { clearBullKeys } from './lib/bull_keys.js'
import pg from 'pg'
import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { signIn, waitForServer } from './lib/http.js'
import { percentile } from './lib/percentiles.js'
import { secondsSince } from './lib/measure.js'

process.env.DB_DATABASE = process.env.BENCH_DB_DATABASE || 'krai_bench_tenants'

const TENANTS = Number(process.env.BENCH_TENANTS || 300)
const REGION = 60
const PORT = Number(process.env.BENCH_PORT || 3391)
const SECONDS = Number(process.env.BENCH_SECONDS || 15)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)
/** Tenants created side by side (tenantProvisioner.createMany); 1 = one after another. */
const PROVISION_CONCURRENCY = Number(process.env.BENCH_PROVISION_CONCURRENCY || 2)
const PASSWORD = 'bench-tenants-password-1'
const FAN_OUT_JOBS = [
  'orders.sweep_deadlines',
  'planner.send_reminders',
  'problems.remind_departments',
  'lawsuits.remind_hearings',
  'notifications.deliver_emails',
]

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

await ensureServicesOrExit()
buildApp()

const app = await bootOnFreshDatabase()
const { settings } = await import('#core/settings')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { sharedPools } = await import('#tenancy/shared_pools')
const { hostLabelFor } = await import('#tenancy/naming')
const { queueService } = await import('#queue/queue_service')
const User = (await import('#modules/identity/models/user')).default
const db = (await import('@adonisjs/lucid/services/db')).default
const Department = (await import('#modules/identity/models/department')).default
const POOL_MAX = settings.database.poolMax

/**
 * Samples the bench database's connections every 100 ms on a connection of
 * its own (to the `postgres` database, so it does not count itself): the
 * peak of all of them and of the runtime login's. Each phase runs in one
 * process (the others hold no connections meanwhile), so a phase's peak is
 * that process's.
 */
class ConnectionSampler {
  #client = new pg.Client({
    host: settings.database.host,
    port: settings.database.port,
    user: settings.database.user,
    password: settings.database.password,
    database: 'postgres',
  })
  #timer?: NodeJS.Timeout
  #busy = false
  peak = 0
  peakRuntime = 0

  async open() {
    await this.#client.connect()
  }

  start() {
    this.peak = 0
    this.peakRuntime = 0
    this.#timer = setInterval(() => this.#sample(), 100)
  }

  async #sample() {
    if (this.#busy) return
    this.#busy = true
    try {
      await this.#count()
    } catch (error) {
      console.error(`  connection sample failed: ${(error as Error).message}`)
    } finally {
      this.#busy = false
    }
  }

  async #count() {
    const result = await this.#client.query(
      `select count(*)::int as total, count(*) filter (where usename = $2)::int as runtime
         from pg_stat_activity where datname = $1`,
      [settings.database.name, `${settings.database.name}__app`]
    )
    this.peak = Math.max(this.peak, result.rows[0].total)
    this.peakRuntime = Math.max(this.peakRuntime, result.rows[0].runtime)
  }

  /** Waits until no connection of the bench database is left (a phase's process has let go). */
  async drained(timeoutMs = 30_000) {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const result = await this.#client.query(`select count(*)::int as total from pg_stat_activity where datname = $1`, [settings.database.name])
      if (result.rows[0].total === 0 || performance.now() > deadline) return result.rows[0].total
      await sleep(100)
    }
  }

  async stop() {
    clearInterval(this.#timer)
    await this.#sample()
    return { peak: this.peak, runtime: this.peakRuntime }
  }

  async close() {
    await this.#client.end()
  }
}

const sampler = new ConnectionSampler()
await sampler.open()

// stale jobs and schedules of an earlier run of this database
const redis = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
await clearBullKeys(redis, settings.redis.keyPrefix)
redis.disconnect()

/**
 * The rollup reads every body's tables in one statement and locks them all
 * (docs/operations.md, "Many tenants on one server"): about 25 locks per
 * body for a rebuild, from a lock table the whole server shares. Past half
 * of it, the bench stops rebuilding (other databases on a shared server
 * would run out of locks too) and says so.
 */
const ROLLUP_LOCKS_PER_BODY = 25
const capacity = (
  await db.rawQuery(
    `select current_setting('max_locks_per_transaction')::int *
            (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int) as locks`
  )
).rows[0].locks as number
const rollupFits = (bodies: number) => bodies * ROLLUP_LOCKS_PER_BODY <= capacity / 2
let rollupSkippedFrom: number | null = null

// 1. provisioning, a region (REGION tenants) at a time with one rollup rebuild each
interface BenchTenant {
  slug: string
  host: string
  email: string
}
const tenants: BenchTenant[] = []
const regionTimes: number[] = []
sampler.start()
const provisioningStarted = performance.now()
for (let first = 0; first < TENANTS; first += REGION) {
  const started = performance.now()
  const inputs = Array.from({ length: Math.min(REGION, TENANTS - first) }, (_, offset) => {
    const index = first + offset
    const kind = index % 5 === 0 ? 'block' : 'municipality'
    const slug = `${kind === 'block' ? 'blk' : 'mun'}_${String(index + 1).padStart(3, '0')}`
    return { slug, kind, nameRu: `Замер ${index + 1}`, nameEn: `Bench ${index + 1}` }
  })
  const rebuildRollup = rollupFits(first + inputs.length)
  if (!rebuildRollup) rollupSkippedFrom ??= first + inputs.length
  await tenantProvisioner.createMany(inputs, {
    concurrency: PROVISION_CONCURRENCY,
    rebuildRollup,
    onCreated: (tenant) =>
      tenantScope.run(tenant, async () => {
        const email = `head@${hostLabelFor(tenant.slug)}.bench`
        const department = await Department.create({ code: 'main', nameRu: 'Аппарат', nameEn: 'Office', isActive: true })
        await User.create({ email, fullName: `Head of ${tenant.slug}`, role: 'head', departmentId: department.id, password: PASSWORD, status: 'active' })
        tenants.push({ slug: tenant.slug, host: `${hostLabelFor(tenant.slug)}.localhost`, email })
      }),
  })
  regionTimes.push(secondsSince(started))
  console.log(`  provisioned ${tenants.length}/${TENANTS} tenants (${regionTimes.at(-1)!.toFixed(1)} s for the last ${inputs.length})`)
}
const provisioningSeconds = secondsSince(provisioningStarted)
const provisioningConnections = await sampler.stop()
// what each region's one rebuild costs once every tenant is there (the provisioner only logs a failure)
const { rollupBuilder } = await import('#tenancy/rollup')
const rollupStarted = performance.now()
const rollupFailure =
  rollupSkippedFrom === null
    ? await rollupBuilder.rebuild().then(
        () => null,
        (error: Error) => error.message.split('\n').at(-1)!.slice(-120)
      )
    : `skipped from ${rollupSkippedFrom} tenants on: ${rollupSkippedFrom} × ${ROLLUP_LOCKS_PER_BODY} locks > half of the server's ${capacity}`
const rollupSeconds = secondsSince(rollupStarted)
const perTenant = provisioningSeconds / TENANTS
const firstRegion = regionTimes[0]
const firstRegionSize = Math.min(REGION, TENANTS)

// this process's pools go: the server alone holds connections while it is loaded
await sharedPools.end()
await sampler.drained()

// 2. signed-in page loads over every tenant
const server = startServer(PORT, { DB_DATABASE: settings.database.name })
type Load = Latencies & { requests: number; non2xx: number; errors: number; rps: number }
let probe: Load
let pages: Load
let probeAlone: Load
let pagesAlone: Load
let pageConnections: { peak: number; runtime: number }
interface Latencies {
  p50: number
  p95: number
}

/** Runs autocannon for `seconds`; `setup` chooses each request's host and cookie. */
async function run(seconds: number, path: string, setup: () => Record<string, string>, connections = CONNECTIONS) {
  const timings: number[] = []
  // without a callback, autocannon returns its instance, which is also a promise of the result
  const instance = autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', path, setupRequest: (request: any) => ({ ...request, headers: { ...request.headers, ...setup() } }) }],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => timings.push(responseTime))
  const result = await instance
  return {
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    requests: timings.length,
    non2xx: result.non2xx,
    errors: result.errors,
    rps: result.requests.average,
  }
}

try {
  await waitForServer(PORT)
  const signInStarted = performance.now()
  const cookies: string[] = []
  for (const tenant of tenants) cookies.push(await signIn(PORT, tenant.host, tenant.email, PASSWORD))
  console.log(`  signed in to ${tenants.length} tenants (${secondsSince(signInStarted).toFixed(1)} s)`)

  let next = 0
  const anyTenant = () => {
    const index = next++ % tenants.length
    return { host: tenants[index].host, cookie: cookies[index] }
  }
  await run(3, '/dashboard', anyTenant) // warm-up: JIT, caches, pools
  probe = await run(SECONDS, '/health/live', () => ({ host: 'localhost' }))
  sampler.start()
  pages = await run(SECONDS, '/dashboard', anyTenant)
  pageConnections = await sampler.stop()
  // one request at a time: the cost of a request, without waiting behind the others
  probeAlone = await run(SECONDS, '/health/live', () => ({ host: 'localhost' }), 1)
  pagesAlone = await run(SECONDS, '/dashboard', anyTenant, 1)
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  await exited
}
await sampler.drained()

// 3. one pass of the per-tenant schedules over every tenant, plus the bus sweep
const expected = FAN_OUT_JOBS.length * (tenants.length + 1) + 1
let completed = 0
let failed = 0
queueService.queue.on('completed', () => completed++)
queueService.queue.on('failed', (job, error) => {
  failed++
  console.error(`  job ${job.name} (${job.data.tenant}) failed: ${error.message}`)
})
queueService.process()
sampler.start()
const fanOutStarted = performance.now()
for (const job of FAN_OUT_JOBS) await queueService.dispatch('queue.fan_out', { job, payload: {} })
await queueService.dispatch('bus.sweep')
while (completed + failed < expected) await sleep(20)
const fanOutSeconds = secondsSince(fanOutStarted)
const fanOutConnections = await sampler.stop()
await queueService.close()

await sampler.close()
await app.terminate()

const budget = 2 * POOL_MAX
const ms = (value: number) => `${value.toFixed(1)} ms`
console.log('')
console.log(`Krai tenants benchmark: ${tenants.length} tenants (${tenants.filter((t) => t.slug.startsWith('blk')).length} blocks, the rest municipalities), DB_POOL_MAX ${POOL_MAX}`)
console.log(
  `  provisioning, per tenant            ${perTenant.toFixed(2)} s   (${provisioningSeconds.toFixed(0)} s for all, user included, ${PROVISION_CONCURRENCY} side by side)`
)
console.log(
  `  rollup rebuild over all tenants     ${rollupSeconds.toFixed(1)} s   (once per batch)` +
    (rollupFailure ? `: NOT DONE (${rollupFailure}; docs/operations.md, "Many tenants on one server")` : '')
)
console.log(
  `  a region of ${firstRegionSize} tenants (+ rollup)    ${firstRegion.toFixed(1)} s   (target < 60 s: ${verdict(firstRegion < 60)}); ` +
    `each region in turn: ${regionTimes.map((seconds) => seconds.toFixed(0)).join(', ')} s`
)
const loadLine = (label: string, result: Load, target: boolean) =>
  console.log(
    `  ${label.padEnd(44)}p50 ${ms(result.p50)}, p95 ${ms(result.p95)}${target ? `   (target p95 < 50 ms: ${verdict(result.p95 < 50)})` : ''}; ` +
      `${result.rps.toFixed(0)} req/s, ${result.requests} requests, non-2xx ${result.non2xx}, errors ${result.errors}`
  )
loadLine(`/health/live, ${CONNECTIONS} connections (baseline)`, probe!, false)
loadLine(`/dashboard, ${CONNECTIONS} conn., all tenants`, pages!, true)
loadLine('/health/live, 1 connection (baseline)', probeAlone!, false)
loadLine('/dashboard, 1 connection, all tenants', pagesAlone!, true)
console.log(
  `  one fan-out pass over all tenants   ${fanOutSeconds.toFixed(1)} s   (target < 30 s: ${verdict(fanOutSeconds < 30)}); ` +
    `${expected} jobs (${FAN_OUT_JOBS.length} schedules × ${tenants.length} tenants + fan-outs + bus sweep), ${failed} failed, concurrency ${settings.queueConcurrency}`
)
console.log('  peak PostgreSQL connections of the bench database (one process each phase):')
for (const [label, peak] of [
  ['provisioning (admin + runtime pools)', provisioningConnections],
  ['web server under load', pageConnections!],
  ['worker during the fan-out', fanOutConnections],
] as const) {
  console.log(`    ${label.padEnd(37)} ${String(peak.peak).padStart(3)} (runtime login ${peak.runtime})   (target ≤ ${budget}: ${verdict(peak.peak <= budget)})`)
}
console.log(`  (${CONNECTIONS} connections, ${SECONDS} s of load, one server process, a shared 2-core machine: figures are indicative)`)
process.exit(0)
