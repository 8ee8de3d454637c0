/*
|--------------------------------------------------------------------------
| Orders benchmark
|--------------------------------------------------------------------------
|
| npm run bench:orders
|
| On its own database (krai_bench): provisions the demo region, fills the
| "social" block with BENCH_ORDERS orders (default 200 000) with executors
| and history, then prints p50/p95 of the my-orders page, a filtered list
| and the dashboard (targets: p95 < 50 ms), the lists of everything a
| department head, an executor and an admin may see, and the time of the deadline
| sweep over every tenant holding BENCH_SWEEP_ORDERS open orders in all
| (default 1 000 000; target < 10 s), run per tenant with the worker's
| QUEUE_CONCURRENCY, then once more (nothing left to notify).
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince } from './lib/measure.js'
import { seedOrders } from './lib/seed_orders.js'

const PORT = Number(process.env.BENCH_PORT || 3391)
const ORDERS = Number(process.env.BENCH_ORDERS || 200_000)
const SWEEP_ORDERS = Number(process.env.BENCH_SWEEP_ORDERS || 1_000_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)

await ensureServicesOrExit()
buildApp()

const app = await bootOnFreshDatabase()
const { provisionCatalog } = await import('#tenants/provision_catalog')
const { tenantRegistry } = await import('#tenancy/tenant_registry')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const SweepDeadlinesJob = (await import('#modules/orders/jobs/sweep_deadlines_job')).default
await provisionCatalog(undefined, { demoPassword: process.env.DEMO_PASSWORD })
// orders live in block and control tenants
const tenants = (await tenantRegistry.all()).filter((tenant) => tenant.kind !== 'portal')
const social = tenants.find((tenant) => tenant.slug === 'social')!

let started = performance.now()
await tenantScope.run(social, () => seedOrders(tenantDb(), ORDERS, 'SOC-B-'))
console.log(`seeded ${ORDERS} orders in social in ${secondsSince(started).toFixed(1)} s`)

// open orders for the sweep, spread over every tenant with people to issue them (most
// municipalities have no demo accounts); social already holds part of its share
const staffed = []
for (const tenant of tenants) {
  if (await tenantScope.run(tenant, () => tenantDb().from('users').first())) staffed.push(tenant)
}
const perTenant = Math.ceil(SWEEP_ORDERS / staffed.length)
started = performance.now()
for (const tenant of staffed) {
  await tenantScope.run(tenant, () => seedOrders(tenantDb(), perTenant, 'SWP-', true))
}
console.log(`seeded ${perTenant * staffed.length} open orders over ${staffed.length} tenants in ${secondsSince(started).toFixed(1)} s`)

// The daily schedule fans out one sweep job per tenant and the worker runs
// QUEUE_CONCURRENCY of them at once; the benchmark does the same.
const { settings } = await import('#core/settings')
const sweepEveryTenant = async () => {
  const waiting = [...tenants]
  let created = 0
  const worker = async () => {
    for (let tenant = waiting.shift(); tenant; tenant = waiting.shift()) {
      const result = await tenantScope.run(tenant, () => new SweepDeadlinesJob().handle({}))
      created += result.deadlineSoon + result.overdue
    }
  }
  await Promise.all(Array.from({ length: settings.queueConcurrency }, worker))
  return created
}
started = performance.now()
const notifications = await sweepEveryTenant()
const sweep = secondsSince(started)
// a second run the same day finds everything notified already: the daily cost of orders long overdue
started = performance.now()
const repeated = await sweepEveryTenant()
const rerun = secondsSince(started)
await app.terminate()

const server = startServer(PORT)
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const measure = (path: string, cookie: string) => measurePage(PORT, { host, path, cookie, samples: SAMPLES })
  const departmentHead = await signIn(PORT, host, 'department-head@social.krai.local', process.env.DEMO_PASSWORD!)
  const head = await signIn(PORT, host, 'head@social.krai.local', process.env.DEMO_PASSWORD!)
  const executor = await signIn(PORT, host, 'executor@social.krai.local', process.env.DEMO_PASSWORD!)
  const admin = await signIn(PORT, host, 'admin@social.krai.local', process.env.DEMO_PASSWORD!)
  const results = {
    'my orders (department head)': await measure('/orders?role=executor', departmentHead),
    // everything visible: own, the department's and all delegated below them
    'all visible (department head)': await measure('/orders', departmentHead),
    'all visible (executor)': await measure('/orders', executor),
    'all visible (admin: non-restricted)': await measure('/orders', admin),
    'department board (department head)': await measure('/orders/board', departmentHead),
    'dashboard (department head)': await measure('/orders/dashboard', departmentHead),
    'filtered list (head: overdue, search)': await measure('/orders?overdue=true&q=%D0%BA%D1%80%D0%BE%D0%B2%D0%BB%D1%8F', head),
    'dashboard (head)': await measure('/orders/dashboard', head),
  }
  console.log('')
  console.log(`Krai orders benchmark (${ORDERS} orders in one tenant, ${SAMPLES} sequential requests each)`)
  for (const [name, result] of Object.entries(results)) {
    console.log(`  ${name.padEnd(40)} ${formatLatency(result)}  (${p95Verdict(result, 50)})`)
  }
  console.log(`  deadline sweep, ${tenants.length} tenants, ${perTenant * staffed.length + ORDERS} orders (${perTenant * staffed.length} open seeded): ${sweep.toFixed(2)} s, ${notifications} notifications  (target < 10 s: ${sweep < 10 ? 'ok' : 'MISSED'})`)
  console.log(`  deadline sweep again (all notified already): ${rerun.toFixed(2)} s, ${repeated} notifications`)
} finally {
  server.kill('SIGTERM')
}
