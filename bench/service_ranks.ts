/*
|--------------------------------------------------------------------------
| Service ratings benchmark (the integrator wires it into `bench:ranks`)
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bench/service_ranks.ts
|   (BENCH_DB_DATABASE, default krai_bench_service_ranks)
|
| On its own database: the portal with BENCH_SERVICES services (default
| 1 040: 52 bodies × 20), BENCH_CITIZENS citizens (default 200 000) and
| BENCH_SERVICE_RATINGS ratings (default 1 000 000) spread over the twelve
| months of 2025, seeded in SQL. Then:
|
| - the monthly service ranks of one month (≈ 1/12 of the ratings): the
|   sealing (ranks, intervals, Δrank, the SHA-256 of the canonical ratings
|   file) — target < 10 s; a second run (idempotent: nothing written) and a
|   correction (a new version: the identical hash);
| - against the built production server, beside a bare route: p95 of the
|   public ranking page (bodies and services) and of the services list
|   (target < 100 ms).
|
*/

import './lib/environment.js'
import { DateTime } from 'luxon'
import { startBench } from './lib/boot.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3453)
const BODIES = 52
const SERVICES = Number(process.env.BENCH_SERVICES || BODIES * 20)
const CITIZENS = Number(process.env.BENCH_CITIZENS || 200_000)
const RATINGS = Number(process.env.BENCH_SERVICE_RATINGS || 1_000_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)

const app = await startBench('krai_bench_service_ranks')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { hostLabelFor } = await import('#tenancy/naming')
const { sealMonth } = await import('#modules/service_ratings/services/monthly_ranks')

const portal = await tenantProvisioner.create({ slug: 'portal', kind: 'portal', nameRu: 'Портал', nameEn: 'Portal' })
const portalHost = `${hostLabelFor(portal.slug)}.localhost`

let started = performance.now()
await tenantScope.run(portal, async () => {
  const db = tenantDb()
  await db.rawQuery(
    `insert into users (email, full_name, role, password, status, created_at, updated_at)
     select 'citizen' || n || '@bench.test', 'Гражданин ' || n, 'citizen', 'not-a-hash', 'active', now(), now() from generate_series(1, ?) n`,
    [CITIZENS]
  )
  await db.rawQuery(
    `insert into service_ratings_services (body_slug, body_kind, body_name_ru, body_name_en, code, name_ru, name_en, department_code, channel, published_active, admin_hidden, published_at, updated_at)
     select 'body' || (n % ?), case when n % ? < 8 then 'block' else 'municipality' end, 'Орган ' || (n % ?), 'Body ' || (n % ?),
       'service-' || n, 'Услуга ' || n, 'Service ' || n, 'main', (array['mfc', 'online', 'office'])[1 + n % 3], true, false, now(), now()
     from generate_series(1, ?) n`,
    [BODIES, BODIES, BODIES, BODIES, SERVICES]
  )
  // each rating: a service, a month of 2025 and a citizen, so that (service, citizen, month) stays unique;
  // a service's marks lean on its own quality, so the ranks are not a coin toss
  await db.rawQuery(
    `insert into service_ratings (service_id, user_id, month, mark_time, mark_waiting, mark_staff, mark_premises, mark_information, follow_up, created_at)
     select s.id, u.id, make_date(2025, 1 + (n % 12)::int, 1),
       greatest(1, least(5, q + (n % 3) - 1)), greatest(1, least(5, q + (n % 5) - 2)), greatest(1, least(5, q + (n % 2))),
       greatest(1, least(5, q - (n % 3) + 1)), greatest(1, least(5, q)), 'none', now()
     from (select n, 1 + (n % ?) as service_number, 1 + ((n / 12) % ?) as citizen_number, 2 + (n % 7) % 4 as q from generate_series(0, ? - 1) n) g
     join service_ratings_services s on s.code = 'service-' || g.service_number
     join users u on u.email = 'citizen' || g.citizen_number || '@bench.test'
     on conflict do nothing`,
    [SERVICES, CITIZENS, RATINGS]
  )
})
const seeded = await tenantScope.run(portal, async () => Number((await tenantDb().from('service_ratings').count('* as n'))[0].n))
console.log(`seeded ${CITIZENS} citizens, ${SERVICES} services, ${seeded} ratings in ${secondsSince(started).toFixed(1)} s`)
await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['users', 'service_ratings_services', 'service_ratings']))

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}

// ---- the monthly ranks: January, then February (with Δrank against January), a re-run and a correction
await tenantScope.run(portal, () => sealMonth(DateTime.fromISO('2025-01-01')))
started = performance.now()
const february = await tenantScope.run(portal, () => sealMonth(DateTime.fromISO('2025-02-01')))
const sealSeconds = secondsSince(started)
started = performance.now()
const rerun = await tenantScope.run(portal, () => sealMonth(DateTime.fromISO('2025-02-01')))
const rerunSeconds = secondsSince(started)
started = performance.now()
const corrected = await tenantScope.run(portal, () => sealMonth(DateTime.fromISO('2025-02-01'), { reason: 'bench: recomputed' }))
const correctionSeconds = secondsSince(started)
const monthRatings = await tenantScope.run(portal, async () => Number((await tenantDb().from('service_ratings').where('month', '2025-02-01').count('* as n'))[0].n))

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const measure = (path: string) => measurePage(PORT, { host: portalHost, path, samples: SAMPLES })
  const bare = await measure('/__bench/bare')
  const bodies = await measure('/services/ranks?month=2025-02&scope=body')
  const services = await measure('/services/ranks?month=2025-02&scope=service&channel=mfc')
  const list = await measure('/services')

  print('')
  print(`service ranks benchmark — ${seeded} ratings, ${SERVICES} services, ${BODIES} bodies; load ${loadAverage()}`)
  print(`  monthly ranks, one month (${monthRatings} ratings)   ${sealSeconds.toFixed(2)} s  (target < 10 s: ${sealSeconds < 10 ? 'ok' : 'MISSED'})`)
  print(`  re-run (already sealed)                      ${rerunSeconds.toFixed(2)} s, ${rerun.created ? 'WROTE AGAIN' : 'nothing written'}`)
  print(`  correction (new version)                     ${correctionSeconds.toFixed(2)} s, hash ${corrected.sha256 === february.sha256 ? 'identical' : 'DIFFERENT'}`)
  print(`  bare route (baseline)                        ${formatLatency(bare)}`)
  print(`  ranking page, bodies                         ${formatLatency(bodies)}  (${p95Verdict(bodies, 100)})`)
  print(`  ranking page, services (MFC)                 ${formatLatency(services)}  (${p95Verdict(services, 100)})`)
  print(`  services list                                ${formatLatency(list)}  (${p95Verdict(list, 100)})`)
} finally {
  server.kill('SIGTERM')
  await app.terminate()
}
