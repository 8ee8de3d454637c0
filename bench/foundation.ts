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
|   3. requests/s and p99 of the signed-in dashboard against a bare route
|      with the same host, session and middleware but no work of its own,
|      in the same run (the /health/live probe is shown too) target ≥ 60 %
|
| BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 20) tune the
| load phase.
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { load, signIn, waitForServer } from './lib/http.js'
import { secondsSince } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3390)
const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)

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

  const probe = await load(PORT, '/health/live', { host }, SECONDS, CONNECTIONS)
  await load(PORT, '/__bench/bare', { host, cookie: session }, 2, CONNECTIONS) // warm-up
  await load(PORT, '/dashboard', { host, cookie: session }, 2, CONNECTIONS)
  const bare = await load(PORT, '/__bench/bare', { host, cookie: session }, SECONDS, CONNECTIONS)
  const page = await load(PORT, '/dashboard', { host, cookie: session }, SECONDS, CONNECTIONS)
  const ratio = page.requestsPerSecond / bare.requestsPerSecond

  console.log('')
  console.log('Krai foundation benchmark')
  console.log(`  create + migrate one tenant      ${oneTenant.toFixed(2)} s   (target < 3 s: ${verdict(oneTenant < 3)})`)
  console.log(`  provision the demo region (10)   ${region.toFixed(2)} s   (target < 30 s: ${verdict(region < 30)})`)
  console.log(`  probe /health/live (no session)  ${probe.requestsPerSecond.toFixed(0)} req/s, p50 ${probe.p50} ms, p99 ${probe.p99} ms`)
  console.log(`  bare route (same stack, signed)  ${bare.requestsPerSecond.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms`)
  console.log(`  tenant page /dashboard (signed)  ${page.requestsPerSecond.toFixed(0)} req/s, p50 ${page.p50} ms, p99 ${page.p99} ms, non-2xx ${page.non2xx}`)
  console.log(`  tenant page / bare route         ${(ratio * 100).toFixed(0)} %   (target ≥ 60 %: ${verdict(ratio >= 0.6)})`)
  console.log(`  (${CONNECTIONS} connections, ${SECONDS} s each, one server process, 2-core machine)`)
} finally {
  server.kill('SIGTERM')
}
