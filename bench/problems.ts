/*
|--------------------------------------------------------------------------
| Citizens' control benchmark
|--------------------------------------------------------------------------
|
| npm run bench:problems
|
| On its own database (BENCH_DB_DATABASE, default krai_bench): the portal
| tenant with BENCH_PROBLEMS problems (default 500 000) seeded with
| set-based SQL over the region's 44 municipalities and the 10 themes,
| around each municipality's centre (Krasnodar Krai, lat 43.4–46.9,
| lng 36.6–41.7), created over two years, every status, 1 % hidden, a
| tenth with a photo. Prints p50/p95 of the map's JSON for a city-sized
| viewport, the filtered public list and Open311 `GET requests.json`
| answering 1 000 requests, against a bare route in the same run
| (target p95 < 100 ms each).
|
*/

import './lib/environment.js'
import { startBench } from './lib/boot.js'
import { createPortal, seedMunicipalities } from './lib/portal.js'
import { startServer } from './lib/build.js'
import { waitForServer } from './lib/http.js'
import { seedProblems } from './lib/seed_problems.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, type Latency } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3411)
const PROBLEMS = Number(process.env.BENCH_PROBLEMS || 500_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const TARGET_MS = 100

const app = await startBench('krai_bench')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')

const { portal, host } = await createPortal()

let started = performance.now()
const ids = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  await seedMunicipalities(db)
  const [citizen] = await db
    .table('users')
    .insert({ email: 'citizen@portal.bench', full_name: 'Гражданин', role: 'citizen', status: 'active', created_at: new Date(), updated_at: new Date() })
    .returning('id')
  await seedProblems(db, PROBLEMS, citizen.id)
  const krasnodar = await db.from('municipalities').where('code', 'krasnodar').first()
  const roads = await db.from('problem_themes').where('code', 'roads').first()
  return { krasnodar, roads }
})
console.log(`seeded ${PROBLEMS} problems in the portal in ${secondsSince(started).toFixed(1)} s`)
await app.terminate()

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const measure = (path: string, inspect?: (body: string) => void) => measurePage(PORT, { host, path, samples: SAMPLES, inspect })
  // Krasnodar's city: about 22 × 24 km around its centre
  const lat = Number(ids.krasnodar.lat)
  const lon = Number(ids.krasnodar.lon)
  const bbox = [lat - 0.1, lon - 0.15, lat + 0.1, lon + 0.15].map((value) => value.toFixed(4)).join(',')
  let markers = 0
  let requests = 0
  const results: [string, Latency, boolean][] = [
    ['bare route (baseline)', await measure('/__bench/bare'), false],
    [
      'map JSON, city viewport (Krasnodar)',
      await measure(`/problems/map.json?bbox=${bbox}`, (body) => (markers = JSON.parse(body).data.length)),
      true,
    ],
    ['public list: theme + municipality + status', await measure(`/problems?theme=${ids.roads.id}&municipality=${ids.krasnodar.id}&status=routed`), true],
    ['public list: no filter, page 1', await measure('/problems'), false],
    ['Open311 GET requests.json (default window)', await measure('/open311/v2/requests.json', (body) => (requests = JSON.parse(body).length)), true],
    ['Open311 GET requests.xml (default window)', await measure('/open311/v2/requests.xml'), false],
    ['Open311 GET requests.json?status=closed&service_code=roads', await measure('/open311/v2/requests.json?status=closed&service_code=roads'), false],
  ]
  console.log('')
  console.log(`Krai citizens' control benchmark (${PROBLEMS} problems in the portal, ${SAMPLES} sequential requests each; map: ${markers} markers, Open311: ${requests} requests per answer)`)
  for (const [name, result, target] of results) {
    const verdict = target ? `  (${p95Verdict(result, TARGET_MS)})` : ''
    console.log(`  ${name.padEnd(58)} ${formatLatency(result)}${verdict}`)
  }
} finally {
  server.kill('SIGTERM')
}
