/*
|--------------------------------------------------------------------------
| Planner benchmark
|--------------------------------------------------------------------------
|
| npm run bench:planner
|
| On its own database (BENCH_DB_DATABASE, default krai_bench): one block
| tenant with BENCH_PLANNER_USERS users (default 5 000) and
| BENCH_PLANNER_EVENTS planner items (default 1 000 000) seeded with
| set-based SQL, plus BENCH_PLANNER_ORDERS orders (default 20 000) whose
| deadlines show in the planners. A busy user owns BENCH_BUSY_EVENTS items
| (default 3 000, about 30 a week over two years, some recurring); a quiet
| user owns the average share. Prints p50/p95 of the week view and of the
| iCalendar feed for both (asked for gzip, as calendar apps do), against a
| bare route in the same run (targets: busy user's week view p95 < 50 ms,
| feed p95 < 25 ms; the feed is served from a cache until the user's items
| change or five minutes pass, so the time of a rebuild — build, gzip, cache
| write — is printed as well, target < 100 ms, and the feed served on a
| cache miss), and the time of one reminder sweep.
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { request, signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, timeRuns, secondsSince, type Latency } from './lib/measure.js'
import { seedOrders } from './lib/seed_orders.js'
import { seedPlannerItems } from './lib/seed_planner.js'
import { analyzeTables } from './lib/analyze.js'
import { Redis } from 'ioredis'

const PORT = Number(process.env.BENCH_PORT || 3402)
const USERS = Number(process.env.BENCH_PLANNER_USERS || 5_000)
const EVENTS = Number(process.env.BENCH_PLANNER_EVENTS || 1_000_000)
const BUSY_EVENTS = Number(process.env.BENCH_BUSY_EVENTS || 3_000)
const ORDERS = Number(process.env.BENCH_PLANNER_ORDERS || 20_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const PASSWORD = process.env.DEMO_PASSWORD!

await ensureServicesOrExit()
buildApp()

const app = await bootOnFreshDatabase()
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const hash = (await import('@adonisjs/core/services/hash')).default
const { regenerateFeedToken } = await import('#modules/planner/services/feed_tokens')
const { cachedFeed } = await import('#modules/planner/services/ical_feed')
const { settings } = await import('#core/settings')
const SendPlannerRemindersJob = (await import('#modules/planner/jobs/send_planner_reminders_job')).default

const tenant = await tenantProvisioner.create({ slug: 'social', kind: 'block', nameRu: 'Социальный блок', nameEn: 'Social block' })
const busyEmail = 'busy@social.bench'
const quietEmail = 'quiet@social.bench'

let started = performance.now()
const tokens = await tenantScope.run(tenant, async () => {
  const db = tenantDb()
  const password = await hash.make(PASSWORD)
  await db.rawQuery(
    `insert into departments (code, name_ru, name_en, is_active, created_at, updated_at)
     select 'dep' || g, 'Департамент ' || g, 'Department ' || g, true, now(), now() from generate_series(1, 10) g`
  )
  // the busy user heads department 1 (its orders' deadlines are his); the quiet one is an executor elsewhere
  await db.rawQuery(
    `insert into users (email, full_name, password, role, department_id, status, created_at, updated_at)
     select case g when 1 then ? when 2 then ? else 'user' || g || '@social.bench' end,
            'Сотрудник ' || g, ?,
            case when g = 1 then 'department_head' when g <= 10 then 'head' else 'executor' end,
            (select id from departments order by id offset (case when g = 1 then 0 else 1 + g % 9 end) limit 1),
            'active', now(), now()
       from generate_series(1, ?) g`,
    [busyEmail, quietEmail, password, USERS]
  )
  await seedOrders(db, ORDERS, 'PLN-')

  const seedItems = (ownerSql: string, count: number, seed: number) => seedPlannerItems(db, ownerSql, count, seed)
  await seedItems('(select id from users where email = \'' + busyEmail + '\')', BUSY_EVENTS, 7919)
  await seedItems(`u.ids[2 + (g % (array_length(u.ids, 1) - 1))]`, EVENTS - BUSY_EVENTS, 104729)
  await analyzeTables(db, ['planner_items', 'users'])
  const ids = await db.from('users').whereIn('email', [busyEmail, quietEmail]).select('id', 'email')
  const idOf = (email: string) => ids.find((row) => row.email === email)!.id as number
  const counts = await db.from('planner_items').whereIn('user_id', [idOf(busyEmail), idOf(quietEmail)]).groupBy('user_id').select('user_id').count('* as total')
  // the feed as rebuilt on a cache miss (after a change: a stamp the cache has not seen), in this process
  // (and the CPU it takes in this process, steadier than the latency on a shared machine)
  let change = 0
  const rebuild = () =>
    cachedFeed({ userId: idOf(busyEmail), stamp: `bench-${change++}` }, { baseUrl: 'http://social.localhost', name: 'bench', labels: { deadline: 'Срок' } })
  await timeRuns(1, 4, rebuild)
  const cpuBefore = process.cpuUsage()
  const feedBuild = await timeRuns(20, 0, rebuild)
  const cpuUsed = process.cpuUsage(cpuBefore)
  return {
    feedBuild,
    feedBuildCpu: (cpuUsed.user + cpuUsed.system) / 1000 / 20,
    busyId: idOf(busyEmail),
    busy: await regenerateFeedToken(idOf(busyEmail)),
    quiet: await regenerateFeedToken(idOf(quietEmail)),
    counts: Object.fromEntries(counts.map((row: any) => [row.user_id === idOf(busyEmail) ? 'busy' : 'quiet', Number(row.total)])),
  }
})
console.log(`seeded ${USERS} users, ${ORDERS} orders and ${EVENTS} planner items in ${secondsSince(started).toFixed(1)} s (busy user ${tokens.counts.busy} items, quiet user ${tokens.counts.quiet})`)

// one sweep now (steady state: little is due) and one as if nothing had been swept until
// tomorrow 10:20 UTC (inside the seeded working hours: every moment until then is due at once)
started = performance.now()
const reminders = await tenantScope.run(tenant, () => new SendPlannerRemindersJob().handle({}))
const sweep = performance.now() - started
started = performance.now()
const tomorrow = new Date(Date.now() + 86_400_000)
const later = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 10, 20)).toISOString()
const catchUp = await tenantScope.run(tenant, () => new SendPlannerRemindersJob().handle({ now: later }))
const catchUpSweep = performance.now() - started
await app.terminate()

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const host = 'social.localhost'
  const GZIP = { 'accept-encoding': 'gzip' }
  const measure = (path: string, cookie?: string, headers?: Record<string, string>) => measurePage(PORT, { host, path, cookie, headers, samples: SAMPLES })
  const busy = await signIn(PORT, host, busyEmail, PASSWORD)
  const quiet = await signIn(PORT, host, quietEmail, PASSWORD)
  const busyWeek = await request(PORT, { path: '/planner?view=week', host, headers: { cookie: busy } })
  const busyFeed = await request(PORT, { path: `/planner/feed/${tokens.busy}.ics`, host })
  const weekEntries = (busyWeek.body.match(/ data-item-id="/g) ?? []).length
  const feedEvents = (busyFeed.body.match(/BEGIN:VEVENT/g) ?? []).length
  // the busy feed served on a cache miss: its cached build is dropped before each request (one Redis DEL, timed with it)
  const redis = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
  const cacheKeys = await redis.keys(`${settings.redis.keyPrefix}:planner:feed:social:${tokens.busyId}:*`)
  const busyMiss = await timeRuns(Math.min(SAMPLES, 50), 5, async () => {
    await redis.del(...cacheKeys)
    const response = await request(PORT, { path: `/planner/feed/${tokens.busy}.ics`, host, headers: GZIP })
    if (response.status !== 200) throw new Error(`the feed answered ${response.status}`)
  })
  await redis.quit()

  const results: [string, Latency, boolean][] = [
    ['bare route (baseline, signed in)', await measure('/__bench/bare', busy), false],
    ['week view, quiet user', await measure('/planner?view=week', quiet), false],
    [`week view, busy user (${weekEntries} entries)`, await measure('/planner?view=week', busy), true],
    ['month view, busy user', await measure('/planner?view=month', busy), false],
    // calendar apps ask for gzip; the feed is kept gzipped
    ['iCal feed, quiet user', await measure(`/planner/feed/${tokens.quiet}.ics`, undefined, GZIP), false],
    [`iCal feed, busy user (${feedEvents} events)`, await measure(`/planner/feed/${tokens.busy}.ics`, undefined, GZIP), true],
    ['iCal feed, busy user, plain (no gzip)', await measure(`/planner/feed/${tokens.busy}.ics`), false],
    ['iCal feed, busy user, cache miss', busyMiss, false],
  ]
  console.log('')
  console.log(`Krai planner benchmark (${EVENTS} items over ${USERS} users, ${SAMPLES} sequential requests each)`)
  for (const [name, result, target] of results) {
    const verdict = target ? `  (${p95Verdict(result, name.startsWith('iCal') ? 25 : 50)})` : ''
    console.log(`  ${name.padEnd(42)} ${formatLatency(result)}${verdict}`)
  }
  console.log(`  iCal feed rebuild on a cache miss, busy user   ${formatLatency(tokens.feedBuild)}, CPU ${tokens.feedBuildCpu.toFixed(1)} ms (in process, no HTTP: build, gzip, cache write; target p95 < 100 ms: ${tokens.feedBuild.p95 < 100 ? 'ok' : 'MISSED'})`)
  console.log(`  reminder sweep (every minute): ${sweep.toFixed(1)} ms, ${reminders.sent} sent; unswept until tomorrow 10:20: ${catchUpSweep.toFixed(1)} ms, ${catchUp.sent} sent`)
} finally {
  server.kill('SIGTERM')
}
