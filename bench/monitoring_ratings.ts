/*
|--------------------------------------------------------------------------
| Ratings and media benchmark
|--------------------------------------------------------------------------
|
| npm run bench:monitoring:ratings
|
| On its own database (BENCH_DB_DATABASE, default krai_bench): provisions the
| demo region and fills the "social" block, set-based, with 20 ratings × 10
| editions × 200 indicators (40 000 observations, alerts refreshed) and
| BENCH_MEDIA_ITEMS publications (default 50 000, with mentioned
| departments over two years). Then prints p50/p95 of each dashboard against
| a bare route with the same host, session and middleware in the same run
| (target p95 < 100 ms).
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3392)
const RATINGS = 20
const EDITIONS = 10
const INDICATORS = 200
const MEDIA_ITEMS = Number(process.env.BENCH_MEDIA_ITEMS || 50_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)

await ensureServicesOrExit()
buildApp()

const app = await bootOnFreshDatabase()
const { provisionCatalog } = await import('#tenants/provision_catalog')
const { tenantRegistry } = await import('#tenancy/tenant_registry')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { refreshAlerts } = await import('#modules/ratings/services/rating_alerts')
await provisionCatalog(undefined, { demoPassword: process.env.DEMO_PASSWORD })
const social = (await tenantRegistry.all()).find((tenant) => tenant.slug === 'social')!

let started = performance.now()
const ids = await tenantScope.run(social, async () => {
  const db = tenantDb()
  await db.rawQuery(
    `insert into ratings (code, title, publisher, periodicity, alert_drop_places, created_at, updated_at)
      select 'R' || r, 'Рейтинг № ' || r, 'Издатель', 'yearly', 5, now(), now() from generate_series(1, ?) r`,
    [RATINGS]
  )
  await db.rawQuery(
    `insert into rating_editions (rating_id, period, published_on, methodology_version, regions_count, created_at, updated_at)
      select r.id, (2015 + e)::text, make_date(2016 + e, 3, 1), '1.' || e, 89, now(), now()
      from ratings r cross join generate_series(1, ?) e`,
    [EDITIONS]
  )
  // a tree: every 20th indicator is a root, the next 19 are its children
  await db.rawQuery(
    `insert into rating_indicators (rating_id, parent_id, code, name, department_id, position, created_at, updated_at)
      select r.id, null, 'I' || i, 'Показатель ' || i, (select id from departments order by id offset (i % 5) limit 1), i, now(), now()
      from ratings r cross join generate_series(1, ?) i`,
    [INDICATORS]
  )
  await db.rawQuery(
    `update rating_indicators c set parent_id = p.id
      from rating_indicators p
      where p.rating_id = c.rating_id and p.position = ((c.position - 1) / 20) * 20 + 1 and c.position % 20 <> 1`
  )
  await db.rawQuery(
    `insert into rating_observations (edition_id, indicator_id, value, score, rank, rank_shared, district_rank, created_at, updated_at)
      select e.id, i.id, round((random() * 1000)::numeric, 2), round((random() * 10)::numeric, 2),
        1 + floor(random() * 89)::int, random() < 0.05, 1 + floor(random() * 8)::int, now(), now()
      from rating_editions e join rating_indicators i on i.rating_id = e.rating_id`
  )
  const ratings = await db.from('ratings').select('id').orderBy('id')
  for (const rating of ratings) await db.transaction((trx) => refreshAlerts(rating.id, trx))
  await db.rawQuery(
    `insert into media_items (outlet, published_at, title, url, topic, tone, source, created_at)
      select 'Издание ' || (n % 40), now() - (random() * interval '720 days'), 'Публикация ' || n, 'https://media.example/' || n,
        'Тема ' || (n % 15), (array['positive', 'neutral', 'negative'])[1 + n % 3], 'csv', now()
      from generate_series(1, ?) n`,
    [MEDIA_ITEMS]
  )
  await db.rawQuery(
    `insert into media_item_departments (media_item_id, department_id)
      select m.id, d.id from media_items m
      join lateral (select id from departments order by id offset (m.id % 7) limit 1 + (m.id % 2)) d on true
      on conflict do nothing`
  )
  // through the central connection: the tenant's runtime role owns no table, ANALYZE would skip them all
  await (await import('@adonisjs/lucid/services/db')).default.rawQuery('analyze')
  const first = await db.from('ratings').orderBy('id').first()
  const edition = await db.from('rating_editions').where('rating_id', first.id).orderBy('published_on', 'desc').first()
  const alerts = await db.from('rating_alerts').count('* as n').first()
  return { rating: first.id as number, edition: edition.id as number, alerts: Number(alerts.n) }
})
console.log(
  `seeded ${RATINGS} ratings × ${EDITIONS} editions × ${INDICATORS} indicators (${RATINGS * EDITIONS * INDICATORS} observations, ${ids.alerts} alerts) and ${MEDIA_ITEMS} publications in ${secondsSince(started).toFixed(1)} s`
)
await app.terminate()

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const cookie = await signIn(PORT, host, 'head@social.krai.local', process.env.DEMO_PASSWORD!)
  const measure = (path: string) => measurePage(PORT, { host, path, cookie, samples: SAMPLES })
  const bare = await measure('/__bench/bare')
  const results = {
    'ratings dashboard': await measure('/ratings'),
    'rating card (trend, alerts, tree)': await measure(`/ratings/${ids.rating}`),
    'edition figures (200 indicators, Δ)': await measure(`/ratings/${ids.rating}/editions/${ids.edition}`),
    'media dashboard (12 months)': await measure('/media'),
    'media dashboard (24 months, topic)': await measure(`/media?months=24&topic=${encodeURIComponent('Тема 3')}`),
  }
  console.log('')
  console.log(`Krai ratings and media benchmark (${SAMPLES} sequential requests each, head of the social block)`)
  console.log(`  ${'bare route (same stack, signed)'.padEnd(40)} ${formatLatency(bare)}`)
  for (const [name, result] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(40)} ${formatLatency(result)}, over bare p95 +${(result.p95 - bare.p95).toFixed(1)} ms  (${p95Verdict(result, 100)})`
    )
  }
} finally {
  server.kill('SIGTERM')
}
