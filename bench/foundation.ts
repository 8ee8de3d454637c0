/*
|--------------------------------------------------------------------------
| Foundation benchmark
|--------------------------------------------------------------------------
|
| npm run bench   (or: node --import=@poppinss/ts-exec bench/foundation.ts)
|
| It builds the app (node ace build) and, on its own database (krai_bench,
| recreated each run), prints:
|   1. seconds to create + migrate one tenant          target < 3 s
|   2. seconds to provision the whole demo region       target < 30 s
|   3. requests/s and p99 of, on one server in the same run:
|      - /health/live, answered before sessions and tenants;
|      - a bare route with the host, session, auth, CSRF, i18n and view
|        context of a signed-in page but no work of its own;
|      - the signed-in dashboard;
|      and two ratios: bare / live (what the signed-in stack costs)
|      target ≥ 30 %, dashboard / bare                         target ≥ 60 %
|
| BENCH_SECONDS (default 10, per path) and BENCH_CONNECTIONS (default 20)
| tune the load phase; BENCH_ROUNDS (default 3) splits each path's seconds
| into rounds taken in turn, so that a burst of load from elsewhere on the
| machine falls on all three paths rather than on one. BENCH_PORT and
| BENCH_DB_DATABASE keep parallel runs apart.
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { load, signIn, waitForServer, type LoadResult } from './lib/http.js'
import { secondsSince } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3390)
const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 3))

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')

await ensureServicesOrExit()

buildApp()

const app = await bootOnFreshDatabase()
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { provisionCatalog } = await import('#tenants/provision_catalog')

// 1. one tenant
let started = performance.now()
await tenantProvisioner.create({ slug: 'benchone', kind: 'block', nameRu: 'Замер', nameEn: 'Bench' })
const oneTenant = secondsSince(started)

// 2. the demo region (10 tenants with departments, municipalities, demo users)
started = performance.now()
await provisionCatalog(undefined, { demoPassword: process.env.DEMO_PASSWORD })
const region = secondsSince(started)
await app.terminate()

// 3. HTTP: authenticated page vs bare route, same server, same run
const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const session = await signIn(PORT, host, 'head@social.krai.local', process.env.DEMO_PASSWORD!)

  const paths = { probe: '/health/live', bare: '/__bench/bare', page: '/dashboard' }
  await load(PORT, paths.bare, { host, cookie: session }, 2, CONNECTIONS) // warm-up
  await load(PORT, paths.page, { host, cookie: session }, 2, CONNECTIONS)
  const rounds: Record<keyof typeof paths, LoadResult[]> = { probe: [], bare: [], page: [] }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(paths) as (keyof typeof paths)[]) {
      const headers: Record<string, string> = name === 'probe' ? { host } : { host, cookie: session }
      rounds[name].push(await load(PORT, paths[name], headers, SECONDS / ROUNDS, CONNECTIONS))
    }
  }
  const probe = combine(rounds.probe)
  const bare = combine(rounds.bare)
  const page = combine(rounds.page)
  const stack = bare.requestsPerSecond / probe.requestsPerSecond
  const ratio = page.requestsPerSecond / bare.requestsPerSecond

  console.log('')
  console.log('Krai foundation benchmark')
  console.log(`  create + migrate one tenant      ${oneTenant.toFixed(2)} s   (target < 3 s: ${verdict(oneTenant < 3)})`)
  console.log(`  provision the demo region (10)   ${region.toFixed(2)} s   (target < 30 s: ${verdict(region < 30)})`)
  console.log(`  probe /health/live (no session)  ${probe.requestsPerSecond.toFixed(0)} req/s, p50 ${probe.p50} ms, p99 ${probe.p99} ms`)
  console.log(`  bare route (same stack, signed)  ${bare.requestsPerSecond.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms`)
  console.log(`  tenant page /dashboard (signed)  ${page.requestsPerSecond.toFixed(0)} req/s, p50 ${page.p50} ms, p99 ${page.p99} ms, non-2xx ${page.non2xx}`)
  console.log(`  bare route / probe (stack cost)  ${(stack * 100).toFixed(0)} %   (target ≥ 30 %: ${verdict(stack >= 0.3)})`)
  console.log(`  tenant page / bare route         ${(ratio * 100).toFixed(0)} %   (target ≥ 60 %: ${verdict(ratio >= 0.6)})`)
  console.log(`  (${CONNECTIONS} connections, ${SECONDS} s per path in ${ROUNDS} rounds taken in turn, one server process, 2-core machine)`)
} finally {
  server.kill('SIGTERM')
}

/** One result for several rounds of the same path: mean rate, worst percentiles, all errors. */
function combine(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requestsPerSecond, 0) / results.length,
    p50: Math.max(...results.map((result) => result.p50)),
    p99: Math.max(...results.map((result) => result.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  }
}
