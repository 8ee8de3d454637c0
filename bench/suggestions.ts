/*
|--------------------------------------------------------------------------
| Suggestions benchmark (the lead wires it into `bench:social`)
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bench/suggestions.ts
|   (BENCH_DB_DATABASE, default krai_bench_suggestions; BENCH_PORT, default 3455)
|
| On its own database: the portal with the region's municipalities, 52
| bodies in its directory and BENCH_SUGGESTIONS suggestions (default 50 000)
| seeded in SQL — a fifth of them public transport routes drawn as lines of
| 2–12 points, the rest points, in every status, spread over the region.
| Then, against the built production server, beside a bare route: p95 of
| the catalogue (plain and filtered), the map JSON (a city's viewport and the
| whole region), a suggestion's page and the statistics per body. Target
| p95 < 50 ms.
|
*/

import './lib/environment.js'
import { startBench } from './lib/boot.js'
import { createPortal, seedMunicipalities } from './lib/portal.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3455)
const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS || 50_000)
const AUTHORS = Math.max(1, Math.round(SUGGESTIONS / 5))
const BODIES = 52
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const TARGET_MS = 50

const app = await startBench('krai_bench_suggestions')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')

const { portal, host } = await createPortal()

let started = performance.now()
const facts = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  await seedMunicipalities(db)
  await db.rawQuery(
    `insert into known_bodies (slug, kind, name_ru, name_en, published_at, updated_at)
     select 'body' || n, case when n < 8 then 'block' else 'municipality' end, 'Орган ' || n, 'Body ' || n, now(), now() from generate_series(0, ? - 1) n
     on conflict do nothing`,
    [BODIES]
  )
  await db.rawQuery(
    `insert into users (email, full_name, role, password, status, created_at, updated_at)
     select 'author' || n || '@bench.test', 'Автор ' || n, 'citizen', 'not-a-hash', 'active', now(), now() from generate_series(1, ?) n`,
    [AUTHORS]
  )
  const firstAuthor = Number((await db.from('users').where('email', 'author1@bench.test').first()).id)
  // each suggestion near a municipality's centre; every fifth a route of 2–12 points, the others a point
  await db.rawQuery(
    `with m as (select row_number() over (order by code) - 1 as i, code, lat::float8 as lat, lon::float8 as lon from municipalities),
     mc as (select count(*) as n from m),
     base as (
       select g.n, m.code, m.lat + ((g.n::bigint * 7919) % 1000 - 500) / 5000.0 as lat, m.lon + ((g.n::bigint * 104729) % 1000 - 500) / 5000.0 as lon,
         (array['transport_organisation','transport_route','regulation','order_change','other'])[1 + g.n % 5] as category,
         (array['public','public','sent','accepted','planned','rejected','returned','moderation','declined','public'])[1 + (g.n / 5) % 10] as status
       from generate_series(1, ?) g(n) cross join mc join m on m.i = g.n % mc.n
     ),
     shaped as (
       select b.*, case when b.category = 'transport_route' then (
         select jsonb_build_object('type', 'LineString', 'coordinates', jsonb_agg(jsonb_build_array(round((b.lon + k * 0.004)::numeric, 6), round((b.lat + ((k * b.n) % 5) * 0.002)::numeric, 6)) order by k))
         from generate_series(0, 1 + b.n % 11) k) end as route
       from base b
     )
     insert into suggestions (author_id, category, title, content, route, min_lat, min_lng, max_lat, max_lng, municipality_code, body_slug, body_name_ru, body_name_en,
       status, supports_count, round, sent_at, respond_by, answered_at, answered_in_time, answer_kind, answer_text, hidden_at, created_at, updated_at)
     select ? + s.n % ?, s.category, 'Предложение № ' || s.n || ': ' || (array['автобус','светофор','остановка','парковка','тротуар','порядок'])[1 + s.n % 6],
       repeat('Текст предложения о решении проблемы города. ', 8), s.route,
       s.lat, s.lon,
       case when s.route is null then s.lat else s.lat + 0.008 end, case when s.route is null then s.lon else s.lon + 0.004 * (1 + s.n % 11) end,
       s.code, 'body' || (s.n % ?), 'Орган ' || (s.n % ?), 'Body ' || (s.n % ?), s.status, s.n % 200,
       case when s.status in ('sent','accepted','planned','rejected','returned') then 1 else 0 end,
       case when s.status in ('sent','accepted','planned','rejected','returned') then now() - interval '20 days' end,
       case when s.status in ('sent','accepted','planned','rejected','returned') then now() - interval '10 days' + (s.n % 20) * interval '1 day' end,
       case when s.status in ('accepted','planned','rejected') then now() - interval '12 days' end,
       case when s.status in ('accepted','planned','rejected') then s.n % 4 <> 0 end,
       case when s.status in ('accepted','planned','rejected') then s.status end,
       case when s.status in ('accepted','planned','rejected') then 'Ответ органа.' end,
       case when s.n % 97 = 0 then now() end,
       now() - (s.n % 365) * interval '1 day', now()
     from shaped s`,
    [SUGGESTIONS, firstAuthor, AUTHORS, BODIES, BODIES, BODIES]
  )
  const krasnodar = await db.from('municipalities').where('code', 'krasnodar').first()
  const sample = await db.from('suggestions').where('status', 'accepted').whereNull('hidden_at').orderBy('id', 'desc').first()
  return { krasnodar, sampleId: sample.id as number }
})
const seeded = await tenantScope.run(portal, async () => Number((await tenantDb().from('suggestions').count('* as n'))[0].n))
console.log(`seeded ${seeded} suggestions by ${AUTHORS} authors in ${secondsSince(started).toFixed(1)} s`)
await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['users', 'suggestions', 'known_bodies', 'municipalities'], { vacuum: true }))
await app.terminate()

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const measure = (path: string, inspect?: (body: string) => void) => measurePage(PORT, { host, path, samples: SAMPLES, inspect })
  // Krasnodar's city: about 22 × 24 km around its centre
  const lat = Number(facts.krasnodar.lat)
  const lon = Number(facts.krasnodar.lon)
  const bbox = [lat - 0.1, lon - 0.15, lat + 0.1, lon + 0.15].map((value) => value.toFixed(4)).join(',')
  let cityShapes = 0
  let regionShapes = 0
  const bare = await measure('/__bench/bare')
  const catalogue = await measure('/suggestions')
  const filtered = await measure('/suggestions?category=transport_route&municipality=krasnodar&status=public')
  const deep = await measure(`/suggestions?before=${Math.round(SUGGESTIONS / 2)}`)
  const cityMap = await measure(`/suggestions/map.json?bbox=${bbox}`, (body) => (cityShapes = JSON.parse(body).data.length))
  const routesMap = await measure(`/suggestions/map.json?bbox=${bbox}&category=transport_route`)
  const regionMap = await measure('/suggestions/map.json?bbox=43.2,36.5,46.9,41.8', (body) => (regionShapes = JSON.parse(body).data.length))
  const page = await measure(`/suggestions/${facts.sampleId}`)
  const stats = await measure('/suggestions/stats')

  print('')
  print(`suggestions benchmark — ${seeded} suggestions, ${BODIES} bodies; load ${loadAverage()}`)
  print(`  bare route (baseline)                        ${formatLatency(bare)}`)
  print(`  catalogue, newest                            ${formatLatency(catalogue)}  (${p95Verdict(catalogue, TARGET_MS)})`)
  print(`  catalogue, route × Krasnodar × public        ${formatLatency(filtered)}  (${p95Verdict(filtered, TARGET_MS)})`)
  print(`  catalogue, a page in the middle              ${formatLatency(deep)}  (${p95Verdict(deep, TARGET_MS)})`)
  print(`  map JSON, Krasnodar viewport (${cityShapes} shapes)   ${formatLatency(cityMap)}  (${p95Verdict(cityMap, TARGET_MS)})`)
  print(`  map JSON, Krasnodar viewport, routes only    ${formatLatency(routesMap)}  (${p95Verdict(routesMap, TARGET_MS)})`)
  print(`  map JSON, whole region (${regionShapes} shapes, capped)  ${formatLatency(regionMap)}  (${p95Verdict(regionMap, TARGET_MS)})`)
  print(`  a suggestion's page                          ${formatLatency(page)}  (${p95Verdict(page, TARGET_MS)})`)
  print(`  statistics per body                          ${formatLatency(stats)}  (${p95Verdict(stats, TARGET_MS)})`)
} finally {
  server.kill('SIGTERM')
}
