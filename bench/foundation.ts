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

process.env.DB_DATABASE = process.env.BENCH_DB_DATABASE || 'krai_bench'
process.env.NODE_ENV = 'production'
process.env.APP_KEY = process.env.APP_KEY || `bench-${Math.random().toString(36).slice(2)}-key-0123456789abcdef`
process.env.LOG_LEVEL = 'error'
process.env.DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'bench-password-1'

import { spawn, execFileSync } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootApp } from './lib/boot.js'
import { load, request, waitForServer } from './lib/http.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PORT = Number(process.env.BENCH_PORT || 3390)
const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)

const seconds = (started: number) => (performance.now() - started) / 1000
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')

await ensureServicesOrExit()

// The server runs as in production: compiled JavaScript and built assets.
console.log('building the app (node ace build)…')
execFileSync(process.execPath, ['ace', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
if (!existsSync(`${ROOT}build/node_modules`)) symlinkSync('../node_modules', `${ROOT}build/node_modules`)

const app = await bootApp()
const { settings } = await import('#core/settings')
const { rolePrefix } = await import('#tenancy/naming')
const { dropDatabaseAndRoles } = await import('#core/database_bootstrap')
const { prepareCentralDatabase } = await import('#core/prepare_database')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { provisionCatalog } = await import('#tenants/provision_catalog')
const db = (await import('@adonisjs/lucid/services/db')).default

await db.manager.closeAll()
await dropDatabaseAndRoles(settings.database.name, rolePrefix())
await prepareCentralDatabase()

// 1. one tenant
let started = performance.now()
await tenantProvisioner.create({ slug: 'benchone', kind: 'block', nameRu: 'Замер', nameEn: 'Bench' })
const oneTenant = seconds(started)

// 2. the demo region (10 tenants with departments, municipalities, demo users)
started = performance.now()
await provisionCatalog(undefined, { demoPassword: process.env.DEMO_PASSWORD })
const region = seconds(started)
await app.terminate()

// 3. HTTP: authenticated page vs bare route, same server, same run
const server = spawn(process.execPath, ['bin/server.js'], {
  cwd: `${ROOT}build`,
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', KRAI_BENCH_BARE_ROUTE: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
})
server.stderr!.on('data', (chunk) => process.stderr.write(`[server] ${chunk}`))
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const loginPage = await request(PORT, { path: '/login', host })
  const cookie = (loginPage.headers['set-cookie'] ?? []).find((line) => line.startsWith('krai-session='))?.split(';')[0] ?? ''
  const csrf = loginPage.body.match(/name='_csrf' value='([^']+)'/)?.[1] ?? ''
  const body = new URLSearchParams({ _csrf: csrf, email: 'head@social.krai.local', password: process.env.DEMO_PASSWORD! }).toString()
  const login = await request(PORT, {
    method: 'POST',
    path: '/login',
    host,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'content-length': String(Buffer.byteLength(body)) },
    body,
  })
  const session = (login.headers['set-cookie'] ?? []).find((line) => line.startsWith('krai-session='))?.split(';')[0] ?? cookie
  const check = await request(PORT, { path: '/dashboard', host, headers: { cookie: session } })
  if (check.status !== 200) throw new Error(`sign-in for the benchmark failed (dashboard answered ${check.status})`)

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
