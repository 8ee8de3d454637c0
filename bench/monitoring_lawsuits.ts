/*
|--------------------------------------------------------------------------
| Lawsuits monitoring benchmark
|--------------------------------------------------------------------------
|
| npm run bench:monitoring:lawsuits
|
| On its own database (BENCH_DB_DATABASE, default krai_bench): provisions
| the demo region, fills the "social" block with BENCH_LAWSUITS court cases
| (default 20 000) with parties and hearings, then prints p50/p95 of the
| monitoring dashboard, the upcoming hearings and the case list, for the
| head (every case) and a department head (their department), next to a
| bare baseline measured in the same run: the account page (the same
| session, auth and layout, no lawsuits queries). Target: p95 < 100 ms.
| The dashboard page caches its figures for a minute while no case
| changes, so the uncached computation is timed in process as well.
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { request, signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, timeRuns } from './lib/measure.js'
import { seedLawsuits } from './lib/seed_lawsuits.js'

const PORT = Number(process.env.BENCH_PORT || 3394)
const CASES = Number(process.env.BENCH_LAWSUITS || 20_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const TARGET_MS = 100

await ensureServicesOrExit()
// Another process on the port would answer in place of the server measured here.
const portTaken = await request(PORT, { path: '/health/live', host: 'localhost' }).then(() => true, () => false)
if (portTaken) {
  console.error(`port ${PORT} is in use: set BENCH_PORT to a free port`)
  process.exit(1)
}
buildApp()

const app = await bootOnFreshDatabase()
const { provisionCatalog } = await import('#tenants/provision_catalog')
const { tenantRegistry } = await import('#tenancy/tenant_registry')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
await provisionCatalog(undefined, { demoPassword: process.env.DEMO_PASSWORD })
const social = (await tenantRegistry.all()).find((tenant) => tenant.slug === 'social')!

const started = performance.now()
await tenantScope.run(social, () => seedLawsuits(tenantDb(), CASES, 'BL-'))
const counts = await tenantScope.run(social, async () => {
  const result = await tenantDb().rawQuery(
    `select (select count(*) from lawsuit_cases)::int as cases, (select count(*) from lawsuit_events)::int as events,
            (select count(*) from lawsuit_cases where outcome is null)::int as open`
  )
  return result.rows[0] as { cases: number; events: number; open: number }
})
console.log(`seeded ${counts.cases} cases (${counts.open} open), ${counts.events} hearings in social in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// The page caches its figures for a minute while no case changes; the computation itself, uncached:
const { lawsuitsDashboard } = await import('#modules/lawsuits/services/lawsuits_dashboard')
const User = (await import('#modules/identity/models/user')).default
const computation = await tenantScope.run(social, async () => {
  const headUser = await User.findByOrFail('email', 'head@social.krai.local')
  return timeRuns(50, 10, () => lawsuitsDashboard(headUser))
})
await app.terminate()

const server = startServer(PORT)
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const measure = (path: string, cookie: string) => measurePage(PORT, { host, path, cookie, samples: SAMPLES })
  const head = await signIn(PORT, host, 'head@social.krai.local', process.env.DEMO_PASSWORD!)
  const departmentHead = await signIn(PORT, host, 'department-head@social.krai.local', process.env.DEMO_PASSWORD!)
  const baseline = await measure('/account', head)
  const results = {
    'dashboard (head: all cases)': await measure('/lawsuits/dashboard', head),
    'dashboard (department head)': await measure('/lawsuits/dashboard', departmentHead),
    'upcoming hearings, 14 days (head)': await measure('/lawsuits/hearings', head),
    'upcoming hearings, 30 days (dep. head)': await measure('/lawsuits/hearings?days=30', departmentHead),
    'open cases list, page 1 (head)': await measure('/lawsuits', head),
  }
  console.log('')
  console.log(`Krai lawsuits monitoring benchmark (${counts.cases} cases, ${counts.events} hearings in one tenant, ${SAMPLES} sequential requests each)`)
  console.log(`  ${'baseline: account page (bare)'.padEnd(42)} ${formatLatency(baseline)}`)
  console.log(`  ${'dashboard figures, uncached (in process)'.padEnd(42)} ${formatLatency(computation)} (50 runs, head: all cases)`)
  for (const [name, result] of Object.entries(results)) {
    const over = result.p95 - baseline.p95
    console.log(
      `  ${name.padEnd(42)} ${formatLatency(result)} (+${over.toFixed(1)} ms over baseline)  (${p95Verdict(result, TARGET_MS)})`
    )
  }
} finally {
  server.kill('SIGTERM')
}
