/*
|--------------------------------------------------------------------------
| Mixed workload at the region's peak
|--------------------------------------------------------------------------
|
| npm run bench:load
|
| On its own database (BENCH_DB_DATABASE, default krai_bench_load): the demo
| region with its municipal tenants seeded at the scale of DESIGN.md §4
| (bench/lib/seed_region.ts; BENCH_REUSE=1 keeps a database seeded at the
| same scale), the built server and a `queue:listen` worker with its
| schedules. Many users sign in through the login form across tenants up
| front; then autocannon replays a realistic mix at fixed rates, one
| single-connection instance per connection started evenly over a second
| (autocannon's own rate limit sends each second's quota of a connection at
| once, so that spreading keeps the arrivals even):
|
|   40 % orders (lists, cards), 15 % dashboards, 10 % planner, 10 % portal
|   pages (anonymous), 5 % Open311, 10 % writes (order start, report with a
|   small file, problem report, a report returned with remarks), 10 %
|   other module pages.
|
| The target step (BENCH_RATE req/s, default 200, for BENCH_SECONDS, 60)
| runs among shorter steps (BENCH_STEPS, BENCH_STEP_SECONDS) that go up
| until the p95 of all requests crosses 300 ms (the saturation point).
| Prints per step and per kind: requests/s, p50/p95/p99, errors (any answer
| but the expected one: 200 for pages, the redirect to the result for
| writes), PostgreSQL connections at peak, worker lag (oldest waiting Bull
| job), bus lag (sender's insert → applied), notification e-mail lag and
| the event-loop delay of the server and the worker, with verdicts against
| the targets at the target step: p95 < 150 ms and p99 < 500 ms for every
| kind, 0 errors, bus and notification lag < 5 s.
|
*/

import './lib/environment.js'
import { clearBullKeys } from './lib/bull_keys.js'
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import { Redis } from 'ioredis'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootApp, bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, ROOT, startServer } from './lib/build.js'
import { request, signIn, waitForServer } from './lib/http.js'
import { percentile } from './lib/percentiles.js'
import { secondsSince } from './lib/measure.js'
import { sameScale, seedRegion, type RegionScale } from './lib/seed_region.js'

const num = (name: string, fallback: number) => Number(process.env[name] || fallback)
const PORT = num('BENCH_PORT', 3393)
const DATABASE = process.env.DB_DATABASE!
const PASSWORD = process.env.DEMO_PASSWORD!
const scale: RegionScale = {
  orders: num('BENCH_ORDERS', 200_000),
  staff: num('BENCH_STAFF', 300),
  municipalities: num('BENCH_MUNICIPALITIES', 44),
  municipalOrders: num('BENCH_MUNICIPAL_ORDERS', 2_000),
  municipalStaff: num('BENCH_MUNICIPAL_STAFF', 30),
  problems: num('BENCH_PROBLEMS', 500_000),
  citizens: num('BENCH_CITIZENS', 50),
  plannerItems: num('BENCH_PLANNER_ITEMS', 1_000_000),
}
const REUSE = process.env.BENCH_REUSE === '1'
const TARGET_RATE = num('BENCH_RATE', 200)
const SECONDS = num('BENCH_SECONDS', 60)
const STEP_SECONDS = num('BENCH_STEP_SECONDS', 20)
const STEPS = (process.env.BENCH_STEPS ?? '50,100,300,400').split(',').filter(Boolean).map(Number)
const MAX_RATE = num('BENCH_MAX_RATE', 1000)
const CONNECTIONS = num('BENCH_CONNECTIONS', 200)
const SESSIONS_PER_BLOCK = num('BENCH_SESSIONS_PER_BLOCK', 20)
const SESSIONS_PER_MUNICIPALITY = num('BENCH_SESSIONS_PER_MUNICIPALITY', 2)
const SIGNED_CITIZENS = Math.min(scale.citizens, num('BENCH_SIGNED_CITIZENS', 20))
const SATURATION_MS = 300
const TARGET_P95 = 150
const TARGET_P99 = 500
const TARGET_LAG_S = 5

const cpuCount = availableParallelism()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]
function shuffle<T>(list: T[]) {
  for (let index = list.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1))
    ;[list[index], list[other]] = [list[other], list[index]]
  }
  return list
}

// E-mail copies of notifications are "sent" to the log: the lag of the pipeline, without an SMTP server.
process.env.MAIL_MAILER = 'log'

await ensureServicesOrExit()
if (process.env.BENCH_SKIP_BUILD !== '1') buildApp()

// ---------------------------------------------------------------------------
// The database: reused when asked and seeded at this scale, else seeded anew
// ---------------------------------------------------------------------------

const pgConfig = { host: process.env.DB_HOST || '127.0.0.1', port: Number(process.env.DB_PORT || 5432), user: process.env.DB_USER || 'postgres', password: process.env.DB_PASSWORD || undefined }
async function scaleOnDisk(): Promise<RegionScale | null> {
  const client = new pg.Client({ ...pgConfig, database: DATABASE })
  try {
    await client.connect()
  } catch {
    return null
  }
  try {
    const present = await client.query(`select to_regclass('public.bench_load_scale') is not null as present`)
    if (!present.rows[0].present) return null
    return (await client.query('select scale from bench_load_scale limit 1')).rows[0]?.scale ?? null
  } finally {
    await client.end()
  }
}

const reuse = REUSE && sameScale(await scaleOnDisk(), scale)
if (REUSE && !reuse) console.log(`BENCH_REUSE=1 but ${DATABASE} does not hold this scale: seeding it anew`)
const seedingStarted = performance.now()
const app = reuse ? await bootApp() : await bootOnFreshDatabase()
if (reuse) console.log(`reusing ${DATABASE}, seeded at ${JSON.stringify(scale)}`)
else await seedRegion(scale, PASSWORD, (line) => console.log(line))
const seedingSeconds = secondsSince(seedingStarted)
if (process.env.BENCH_SEED_ONLY === '1') {
  console.log(`seeded in ${seedingSeconds.toFixed(0)} s; BENCH_SEED_ONLY=1: stopping here (run again with BENCH_REUSE=1)`)
  await app.terminate()
  process.exit(0)
}

const { settings } = await import('#core/settings')
const { tenantRegistry } = await import('#tenancy/tenant_registry')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { hostLabelFor, schemaNameFor } = await import('#tenancy/naming')
const tenants = await tenantRegistry.all()
const schemas = tenants.map((tenant) => schemaNameFor(tenant.slug))
const blocks = tenants.filter((tenant) => tenant.kind === 'block')
const portal = tenants.find((tenant) => tenant.kind === 'portal')!
const hostOf = (slug: string) => `${hostLabelFor(slug)}.localhost`

// Waiting and scheduled jobs of an earlier run of this database would be measured as lag.
const BULL_PREFIX = `bull:${settings.redis.keyPrefix}:krai`
const redis = new Redis({ host: settings.redis.host, port: settings.redis.port, password: settings.redis.password })
await clearBullKeys(redis, settings.redis.keyPrefix)

// ---------------------------------------------------------------------------
// The server and the worker, each with an event-loop delay probe
// ---------------------------------------------------------------------------

const portTaken = await request(PORT, { path: '/health/live', host: 'localhost' }).then(() => true, () => false)
if (portTaken) throw new Error(`port ${PORT} is already in use: set BENCH_PORT`)
const probeDir = mkdtempSync(join(tmpdir(), 'krai-bench-load-'))
const probe = fileURLToPath(new URL('./lib/loop_delay_probe.mjs', import.meta.url))
const loopFile = { server: join(probeDir, 'server.jsonl'), worker: join(probeDir, 'worker.jsonl') }
const withProbe = (file: string) => ({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${probe}`.trim(), KRAI_BENCH_LOOP_FILE: file })
// Problem reports are limited per citizen and hour (10); the benchmark's few citizens report far more.
const server = startServer(PORT, { ...withProbe(loopFile.server), PROBLEMS_REPORTS_PER_HOUR: '1000000' })
const worker = spawn(process.execPath, ['ace.js', 'queue:listen'], {
  cwd: `${ROOT}build`,
  env: { ...process.env, ...withProbe(loopFile.worker), FORCE_COLOR: '0' },
  stdio: ['ignore', 'ignore', 'pipe'],
})
worker.stderr!.on('data', (chunk) => process.stderr.write(`[worker] ${chunk}`))
process.on('exit', () => {
  server.kill('SIGTERM')
  worker.kill('SIGTERM')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
await waitForServer(PORT)

// ---------------------------------------------------------------------------
// Sessions: many users across tenants sign in through the login form
// ---------------------------------------------------------------------------

interface Account {
  tenant: string
  kind: string
  email: string
  role: string
  userId: number
  departmentId: number | null
}
interface Session extends Account {
  host: string
  cookie: string
  csrf: string
  cards: number[]
}

const DEMO_ROLES = ['admin', 'head', 'controller', 'department-head', 'executor']
const accounts: Account[] = []
for (const tenant of tenants) {
  const emails =
    tenant.kind === 'portal'
      ? Array.from({ length: SIGNED_CITIZENS }, (_, index) => `citizen${index + 1}@portal.bench`)
      : [
          ...DEMO_ROLES.map((role) => `${role}@${hostLabelFor(tenant.slug)}.krai.local`),
          ...Array.from({ length: tenant.kind === 'block' ? SESSIONS_PER_BLOCK : SESSIONS_PER_MUNICIPALITY }, (_, index) => `staff${index + 1}@bench.local`),
        ]
  const rows = await tenantScope.run(tenant, () => tenantDb().from('users').whereIn('email', emails).select('id', 'email', 'role', 'department_id'))
  for (const row of rows) {
    accounts.push({ tenant: tenant.slug, kind: tenant.kind, email: row.email, role: row.role, userId: row.id, departmentId: row.department_id })
  }
}

async function csrfOf(host: string, cookie: string, path: string) {
  const page = await request(PORT, { path, host, headers: { cookie } })
  const token = page.body.match(/name='_csrf' value='([^']+)'/)?.[1]
  if (!token) throw new Error(`no CSRF token on ${host}${path} (${page.status})`)
  return token
}

let started = performance.now()
const sessions: Session[] = []
{
  const waiting = [...accounts]
  const signInNext = async () => {
    for (let account = waiting.shift(); account; account = waiting.shift()) {
      const host = hostOf(account.tenant)
      const home = account.kind === 'portal' ? '/problems/new' : '/dashboard'
      const cookie = await signIn(PORT, host, account.email, PASSWORD, home)
      const csrf = await csrfOf(host, cookie, home)
      sessions.push({ ...account, host, cookie, csrf, cards: [] })
    }
  }
  await Promise.all(Array.from({ length: 8 }, signInNext))
}
console.log(`signed in ${sessions.length} users over ${tenants.length} tenants in ${secondsSince(started).toFixed(1)} s`)

// ---------------------------------------------------------------------------
// What the users work on: cards they may open, orders waiting for their step
// ---------------------------------------------------------------------------

interface WriteTarget {
  session: Session
  orderId: number
}
const pools: Record<'start' | 'report' | 'remark', WriteTarget[]> = { start: [], report: [], remark: [] }
const SEES_ALL = ['admin', 'head', 'controller']
for (const tenant of tenants.filter((candidate) => candidate.kind !== 'portal')) {
  const here = sessions.filter((session) => session.tenant === tenant.slug)
  if (!here.length) continue
  const byUser = new Map(here.map((session) => [session.userId, session]))
  const userIds = [...byUser.keys()]
  await tenantScope.run(tenant, async () => {
    const db = tenantDb()
    const anyCards = (await db.rawQuery(`select id from orders where privacy = 'normal' order by random() limit 300`)).rows.map((row: any) => row.id)
    for (const session of here) {
      if (SEES_ALL.includes(session.role)) session.cards = anyCards
      else {
        const own = await db.rawQuery(
          `select o.id from orders o
            where o.privacy = 'normal' and exists (select 1 from order_executors e where e.order_id = o.id
                  and (e.user_id = ? or (e.department_id = ? and ? in ('department_head', 'executor')))) limit 50`,
          [session.userId, session.departmentId ?? 0, session.role]
        )
        session.cards = own.rows.map((row: any) => row.id)
      }
    }
    const responsible = (status: string) =>
      db.rawQuery(
        `select o.id, e.user_id from orders o join order_executors e on e.order_id = o.id and e.role = 'responsible'
          where o.status = ? and o.privacy = 'normal' and e.user_id = any(?) limit 5000`,
        [status, userIds]
      )
    for (const row of (await responsible('issued')).rows) pools.start.push({ session: byUser.get(row.user_id)!, orderId: row.id })
    for (const row of (await responsible('in_progress')).rows) pools.report.push({ session: byUser.get(row.user_id)!, orderId: row.id })
    const submitted = await db.rawQuery(
      `select o.id, o.issuer_id from orders o
        where o.status = 'report_submitted' and o.privacy = 'normal' and o.issuer_id = any(?)
          and exists (select 1 from order_reports r where r.order_id = o.id and r.status = 'submitted') limit 5000`,
      [userIds]
    )
    for (const row of submitted.rows) pools.remark.push({ session: byUser.get(row.issuer_id)!, orderId: row.id })
  })
}
for (const pool of Object.values(pools)) shuffle(pool)

const portalData = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  return {
    problems: (await db.rawQuery(`select id from problems where hidden_at is null order by random() limit 1000`)).rows.map((row: any) => row.id as number),
    themes: (await db.from('problem_themes').where('is_active', true).select('id', 'code')) as { id: number; code: string }[],
    municipalities: (await db.from('municipalities').select('id', 'lat', 'lon', 'admin_center_ru')) as { id: number; lat: number; lon: number; admin_center_ru: string }[],
  }
})
await app.terminate()
console.log(
  `prepared ${sessions.reduce((sum, session) => sum + session.cards.length, 0)} cards, write targets: ${pools.start.length} orders to start, ${pools.report.length} to report on, ${pools.remark.length} reports to return`
)

// ---------------------------------------------------------------------------
// The mix
// ---------------------------------------------------------------------------

type Kind = 'orders' | 'dashboards' | 'planner' | 'portal' | 'open311' | 'writes' | 'other'
const KIND_WEIGHTS: [Kind, number][] = [
  ['orders', 40],
  ['dashboards', 15],
  ['planner', 10],
  ['portal', 10],
  ['open311', 5],
  ['writes', 10],
  ['other', 10],
]

interface Spec {
  method: string
  path: string
  headers: Record<string, string>
  body?: Buffer | string
  /** where a write redirects when it succeeded (pages must answer 200) */
  redirect?: RegExp
}
interface Template {
  kind: Kind
  name: string
  weight: number
  /** who may run it (reads); writes take their targets from a pool */
  who?: (session: Session) => boolean
  build: (session?: Session) => Spec | null
  sessions: Session[]
}

const STAFF_KINDS = ['block', 'municipality', 'control']
const staff = (session: Session) => STAFF_KINDS.includes(session.kind)
const inKinds = (...kinds: string[]) => (session: Session) => kinds.includes(session.kind)
const withRoles = (...roles: string[]) => (session: Session) => roles.includes(session.role)
const both = (...tests: ((session: Session) => boolean)[]) => (session: Session) => tests.every((test) => test(session))
const get = (session: Session | undefined, path: string): Spec => ({
  method: 'GET',
  path,
  headers: session ? { host: session.host, cookie: session.cookie } : { host: hostOf(portal.slug) },
})
const form = (session: Session, path: string, fields: Record<string, string>, redirect: RegExp): Spec => ({
  method: 'POST',
  path,
  headers: { 'host': session.host, 'cookie': session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect,
})
function multipart(session: Session, path: string, fields: Record<string, string>, file: { field: string; name: string; type: string; content: string }, redirect: RegExp): Spec {
  const boundary = `----krai-bench-${Math.random().toString(36).slice(2)}`
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n${file.content}\r\n`)
  parts.push(`--${boundary}--\r\n`)
  return {
    method: 'POST',
    path,
    headers: { 'host': session.host, 'cookie': session.cookie, 'x-csrf-token': session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.from(parts.join('')),
    redirect,
  }
}
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
const exhausted: Record<string, number> = {}
const fromPool = (name: keyof typeof pools, build: (target: WriteTarget) => Spec) => () => {
  const target = pools[name].pop()
  if (!target) {
    exhausted[name] = (exhausted[name] ?? 0) + 1
    return null
  }
  return build(target)
}
const bbox = (municipality: { lat: number; lon: number }) =>
  [Number(municipality.lat) - 0.1, Number(municipality.lon) - 0.15, Number(municipality.lat) + 0.1, Number(municipality.lon) + 0.15].map((value) => value.toFixed(4)).join(',')

const templateList: Omit<Template, 'sessions'>[] = [
  // orders: half lists, half cards
  { kind: 'orders', name: 'order list', weight: 1, who: staff, build: (s) => get(s, '/orders') },
  { kind: 'orders', name: 'order list: mine (executor)', weight: 1, who: both(staff, withRoles('department_head', 'executor')), build: (s) => get(s, '/orders?role=executor') },
  { kind: 'orders', name: 'order list: overdue', weight: 1, who: staff, build: (s) => get(s, '/orders?overdue=true') },
  { kind: 'orders', name: 'order list: status, page 2', weight: 1, who: staff, build: (s) => get(s, '/orders?status=in_progress&page=2') },
  { kind: 'orders', name: 'order card', weight: 4, who: (s) => staff(s) && s.cards.length > 0, build: (s) => get(s, `/orders/${pick(s!.cards)}`) },
  // dashboards
  { kind: 'dashboards', name: 'home (/dashboard)', weight: 2, who: staff, build: (s) => get(s, '/dashboard') },
  { kind: 'dashboards', name: 'orders dashboard', weight: 2, who: both(staff, withRoles('head', 'department_head', 'controller', 'admin')), build: (s) => get(s, '/orders/dashboard') },
  { kind: 'dashboards', name: 'control dashboard', weight: 1, who: inKinds('control'), build: (s) => get(s, '/control') },
  { kind: 'dashboards', name: 'control: a block', weight: 1, who: inKinds('control'), build: (s) => get(s, `/control/blocks/${pick(blocks).slug}`) },
  // planner
  { kind: 'planner', name: 'planner week', weight: 2, who: staff, build: (s) => get(s, '/planner?view=week') },
  { kind: 'planner', name: 'planner month', weight: 1, who: staff, build: (s) => get(s, '/planner?view=month') },
  { kind: 'planner', name: 'planner (default view)', weight: 1, who: staff, build: (s) => get(s, '/planner') },
  // the portal, anonymous
  { kind: 'portal', name: 'problems list', weight: 2, build: () => get(undefined, '/problems') },
  {
    kind: 'portal',
    name: 'problems list, filtered',
    weight: 1,
    build: () => get(undefined, `/problems?theme=${pick(portalData.themes).id}&municipality=${pick(portalData.municipalities).id}`),
  },
  { kind: 'portal', name: 'problems map page', weight: 1, build: () => get(undefined, '/problems/map') },
  { kind: 'portal', name: 'problems map JSON (city)', weight: 1, build: () => get(undefined, `/problems/map.json?bbox=${bbox(pick(portalData.municipalities))}`) },
  { kind: 'portal', name: 'problem page', weight: 3, build: () => get(undefined, `/problems/${pick(portalData.problems)}`) },
  // Open311
  { kind: 'open311', name: 'services.json', weight: 1, build: () => get(undefined, '/open311/v2/services.json') },
  { kind: 'open311', name: 'requests.json', weight: 2, build: () => get(undefined, '/open311/v2/requests.json') },
  { kind: 'open311', name: 'requests.json?service_code&status', weight: 1, build: () => get(undefined, `/open311/v2/requests.json?service_code=${pick(portalData.themes).code}&status=open`) },
  { kind: 'open311', name: 'requests/{id}.json', weight: 2, build: () => get(undefined, `/open311/v2/requests/${pick(portalData.problems)}.json`) },
  // writes
  {
    kind: 'writes',
    name: 'order: start',
    weight: 1,
    build: fromPool('start', ({ session, orderId }) => form(session, `/orders/${orderId}/start`, {}, new RegExp(`^/orders/${orderId}$`))),
  },
  {
    kind: 'writes',
    name: 'order: report + small file',
    weight: 1,
    build: fromPool('report', ({ session, orderId }) =>
      multipart(
        session,
        `/orders/${orderId}/report`,
        { text: `Исполнено: работы по поручению ${orderId} выполнены в срок, акт приложен.`, completedOn: yesterday },
        { field: 'files[]', name: 'act.txt', type: 'text/plain', content: `Акт выполненных работ по поручению ${orderId}.\n`.repeat(20) },
        new RegExp(`^/orders/${orderId}$`)
      )
    ),
  },
  {
    kind: 'writes',
    name: 'order: report returned with remarks',
    weight: 1,
    build: fromPool('remark', ({ session, orderId }) =>
      form(session, `/orders/${orderId}/review`, { decision: 'return', comment: 'Замечания: приложите фотографии и акт приёмки, уточните сроки.' }, new RegExp(`^/orders/${orderId}$`))
    ),
  },
  {
    kind: 'writes',
    name: 'problem report (citizen)',
    weight: 1,
    who: inKinds('portal'),
    build: (s) => {
      const municipality = pick(portalData.municipalities)
      return form(
        s!,
        '/problems',
        {
          themeId: String(pick(portalData.themes).id),
          municipalityId: String(municipality.id),
          lat: (Number(municipality.lat) + (Math.random() - 0.5) * 0.05).toFixed(5),
          lng: (Number(municipality.lon) + (Math.random() - 0.5) * 0.05).toFixed(5),
          address: `${municipality.admin_center_ru}, ул. Нагрузочная, ${1 + Math.floor(Math.random() * 200)}`,
          description: 'Яма на проезжей части у остановки, после дождя не видно, машины объезжают по встречной.',
        },
        /^\/problems\/\d+$/
      )
    },
  },
  // other module pages
  ...(
    [
      ['notifications', '/notifications', staff],
      ['account', '/account', staff],
      ['orders board', '/orders/board', staff],
      ['orders calendar', '/orders/calendar', staff],
      ['problems inbox', '/problems/inbox', inKinds('block', 'municipality')],
      ['lawsuits', '/lawsuits', staff],
      ['lawsuits hearings', '/lawsuits/hearings', staff],
      ['staffing', '/staffing', staff],
      ['ratings', '/ratings', inKinds('block', 'control')],
      ['media', '/media', inKinds('block', 'control')],
      ['programmes', '/programmes', inKinds('block', 'control')],
      ['control reports', '/control/reports', inKinds('control')],
    ] as [string, string, (session: Session) => boolean][]
  ).map(([name, path, who]): Omit<Template, 'sessions'> => ({ kind: 'other', name, weight: 1, who, build: (s) => get(s, path) })),
]
const templates: Template[] = templateList.map((template) => ({ ...template, sessions: template.who ? sessions.filter(template.who) : [] }))

function answered(spec: Spec, status: number, location: string | undefined) {
  if (spec.redirect) return status >= 300 && status < 400 && !!location && spec.redirect.test(location.replace(/^https?:\/\/[^/]+/, ''))
  return status === 200
}

// Preflight: every template once for every kind of tenant and role that may run it. A page a
// role may not open (403, 404) is a mistake of the mix, not of the server: it is left out and listed.
// A page that takes longer than BENCH_SLOW_MS alone would swamp the database under load and leave
// nothing else to measure: it is left out too, and printed as the first finding.
const SLOW_MS = num('BENCH_SLOW_MS', 5000)
const dropped: string[] = []
const tooSlow: string[] = []
async function timedRequest(spec: Spec) {
  const begin = performance.now()
  let timer: NodeJS.Timeout | undefined
  const answer = await Promise.race([
    request(PORT, { method: spec.method, path: spec.path, host: spec.headers.host, headers: spec.headers, body: spec.body as any }),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SLOW_MS))),
  ])
  clearTimeout(timer)
  if (!answer) {
    // the abandoned request's queries would still run: cancel what has run longer than the limit
    const cancel = new pg.Client({ ...pgConfig, database: DATABASE })
    await cancel.connect()
    await cancel.query(
      `select pg_cancel_backend(pid) from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid() and now() - query_start > $2 * interval '1 millisecond'`,
      [DATABASE, SLOW_MS - 500]
    )
    await cancel.end()
  }
  return { answer, ms: performance.now() - begin }
}
for (const template of templates) {
  const groups = new Map<string, Session[]>()
  if (template.who) {
    for (const session of template.sessions) {
      const key = `${session.kind}/${session.role}`
      groups.set(key, [...(groups.get(key) ?? []), session])
    }
  } else groups.set('anonymous', [])
  for (const [key, members] of groups) {
    const spec = template.build(members[0])
    if (!spec) continue
    const { answer, ms: took } = await timedRequest(spec)
    if (answer && took <= SLOW_MS && answered(spec, answer.status, answer.headers.location)) continue
    if (!answer || took > SLOW_MS) tooSlow.push(`${template.name} for ${key} (${answer ? `${(took / 1000).toFixed(1)} s` : `no answer in ${SLOW_MS / 1000} s`}: ${spec.path})`)
    else if (template.kind === 'writes' || !template.who) throw new Error(`${template.name}: ${spec.method} ${spec.path} answered ${answer.status} ${answer.headers.location ?? ''} ${answer.body.slice(0, 300)}`)
    else dropped.push(`${template.name} for ${key} (${answer.status})`)
    if (!template.who) template.build = () => null
    template.sessions = template.sessions.filter((session) => !members.includes(session))
  }
}
if (tooSlow.length) console.log(`TOO SLOW to include in the mix (over ${SLOW_MS / 1000} s for one request alone): ${tooSlow.join('; ')}`)
if (dropped.length) console.log(`left out of the mix (the role may not open the page): ${dropped.join('; ')}`)
const usable = templates.filter((template) => (template.who ? template.sessions.length > 0 : !tooSlow.some((line) => line.startsWith(`${template.name} for anonymous`))))

/** Smooth weighted round-robin: exact shares over any window. */
function weightedCycle<T>(entries: [T, number][]) {
  const current = entries.map(() => 0)
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  return () => {
    let best = 0
    for (let index = 0; index < entries.length; index++) {
      current[index] += entries[index][1]
      if (current[index] > current[best]) best = index
    }
    current[best] -= total
    return entries[best][0]
  }
}
const nextKind = weightedCycle(KIND_WEIGHTS.filter(([kind]) => usable.some((template) => template.kind === kind)))
const nextTemplate = Object.fromEntries(
  KIND_WEIGHTS.map(([kind]) => [kind, weightedCycle(usable.filter((template) => template.kind === kind).map((template) => [template, template.weight] as [Template, number]))])
) as Record<Kind, () => Template>

/** The next request of the mix; a write whose targets ran out gives way to a read of its kind's share. */
function nextRequest(): { template: Template; spec: Spec } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const template = nextTemplate[nextKind()]()
    const spec = template.build(template.who ? pick(template.sessions) : undefined)
    if (spec) return { template, spec }
  }
  const template = usable.find((candidate) => candidate.name === 'order list')!
  return { template, spec: template.build(pick(template.sessions))! }
}

// ---------------------------------------------------------------------------
// Watching PostgreSQL, the queue, the bus and the event loops during a step
// ---------------------------------------------------------------------------

const monitor = new pg.Client({ ...pgConfig, database: DATABASE, application_name: 'krai-bench-monitor' })
await monitor.connect()

interface Watch {
  peakConnections: number
  peakActive: number
  workerLag: number
  waiting: number
  busPending: number
}
async function sampleOnce(watch: Watch) {
  const connections = await monitor.query(
    `select count(*)::int as total, count(*) filter (where state = 'active')::int as active
       from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
    [DATABASE]
  )
  watch.peakConnections = Math.max(watch.peakConnections, connections.rows[0].total)
  watch.peakActive = Math.max(watch.peakActive, connections.rows[0].active)
  // the oldest waiting job: the list's tail; a delayed job was due at timestamp + delay
  const waiting = await redis.llen(`${BULL_PREFIX}:wait`)
  watch.waiting = Math.max(watch.waiting, waiting)
  const oldest = await redis.lindex(`${BULL_PREFIX}:wait`, -1)
  if (oldest) {
    const [timestamp, delay] = await redis.hmget(`${BULL_PREFIX}:${oldest}`, 'timestamp', 'delay')
    if (timestamp) watch.workerLag = Math.max(watch.workerLag, (Date.now() - Number(timestamp) - Number(delay || 0)) / 1000)
  }
  // a delayed job already due and not yet moved to the waiting list is late as well (score: due time × 4096)
  const [, score] = await redis.zrange(`${BULL_PREFIX}:delayed`, 0, 0, 'WITHSCORES')
  if (score) watch.workerLag = Math.max(watch.workerLag, (Date.now() - Math.floor(Number(score) / 4096)) / 1000)
}
async function busPendingAge() {
  const parts = schemas.flatMap((schema) => [
    `select min(created_at) as oldest from ${schema}.bus_outbox where status = 'pending'`,
    `select min(received_at) from ${schema}.bus_inbox where status = 'pending'`,
  ])
  const result = await monitor.query(`select extract(epoch from clock_timestamp() - min(oldest))::float as age from (${parts.join(' union all ')}) boxes`)
  return result.rows[0].age ?? 0
}

function watchDuring() {
  const watch: Watch = { peakConnections: 0, peakActive: 0, workerLag: 0, waiting: 0, busPending: 0 }
  let stopped = false
  const loop = (async () => {
    let tick = 0
    while (!stopped) {
      await sampleOnce(watch).catch(() => {})
      if (tick++ % 2 === 0) watch.busPending = Math.max(watch.busPending, await busPendingAge().catch(() => 0))
      await sleep(1000)
    }
  })()
  return async () => {
    stopped = true
    await loop
    return watch
  }
}

/** Lags of what was sent within [from, to]: bus messages applied, notification e-mails sent. */
async function lagsOf(from: Date, to: Date) {
  const bus = await monitor.query(
    `select count(*)::int as messages, count(applied_at)::int as applied,
            percentile_cont(0.5) within group (order by lag) as p50, percentile_cont(0.95) within group (order by lag) as p95, max(lag) as max
       from (${schemas.map((schema) => `select applied_at, extract(epoch from applied_at - sent_at)::float as lag from ${schema}.bus_inbox where sent_at between $1 and $2`).join(' union all ')}) messages`,
    [from, to]
  )
  const mail = await monitor.query(
    `select count(*)::int as notifications, count(emailed_at)::int as sent, count(*) filter (where email_status = 'failed')::int as failed,
            count(*) filter (where email_status = 'pending')::int as pending,
            percentile_cont(0.95) within group (order by lag) as p95, max(lag) as max
       from (${schemas.map((schema) => `select emailed_at, email_status, extract(epoch from emailed_at - created_at)::float as lag from ${schema}.notifications where created_at between $1 and $2`).join(' union all ')}) notes`,
    [from, to]
  )
  return { bus: bus.rows[0], mail: mail.rows[0] }
}

function loopDelays(file: string, from: number, to: number) {
  if (!existsSync(file)) return null
  const seconds = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { at: number; p50: number; p99: number; max: number; mean: number })
    .filter((entry) => entry.at >= from && entry.at <= to)
  if (!seconds.length) return null
  return {
    p50: percentile(seconds.map((entry) => entry.p50), 50),
    p99: Math.max(...seconds.map((entry) => entry.p99)),
    max: Math.max(...seconds.map((entry) => entry.max)),
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

// ---------------------------------------------------------------------------
// One step: `rate` requests/s for `seconds`
// ---------------------------------------------------------------------------

interface Tally {
  latencies: number[]
  errors: number
  samples: string[]
}
interface StepResult {
  rate: number
  seconds: number
  connections: number
  achieved: number
  byTemplate: Map<Template, Tally>
  transportErrors: number
  watch: Watch
  lags: Awaited<ReturnType<typeof lagsOf>>
  loop: { server: ReturnType<typeof loopDelays>; worker: ReturnType<typeof loopDelays> }
  /** CPU seconds the server and the worker used during the step */
  cpu: { server: number; worker: number }
  /** the machine's 1-minute load average at the end of the step */
  load: number
}

async function runStep(rate: number, seconds: number): Promise<StepResult> {
  const connections = Math.min(CONNECTIONS, rate)
  const byTemplate = new Map<Template, Tally>()
  const tally = (template: Template) => {
    let entry = byTemplate.get(template)
    if (!entry) byTemplate.set(template, (entry = { latencies: [], errors: 0, samples: [] }))
    return entry
  }
  let transportErrors = 0
  const stopWatching = watchDuring()
  const from = new Date()
  const begin = performance.now()
  const cpuBefore = { server: cpuSeconds(server.pid), worker: cpuSeconds(worker.pid) }
  const runs: PromiseLike<autocannon.Result>[] = []
  for (let index = 0; index < connections; index++) {
    // connection i starts at i/connections of the first second: arrivals stay even
    const due = begin + (index * 1000) / connections
    if (due > performance.now()) await sleep(due - performance.now())
    const connectionRate = Math.floor(rate / connections) + (index < rate % connections ? 1 : 0)
    const instance: any = autocannon({
      url: `http://127.0.0.1:${PORT}`,
      connections: 1,
      connectionRate,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          setupRequest: (request: any, context: any) => {
            const { template, spec } = nextRequest()
            context.template = template
            context.spec = spec
            return { ...request, method: spec.method, path: spec.path, headers: spec.headers, body: spec.body ?? '' }
          },
          onResponse: (status: number, body: string, context: any, headers: Record<string, string>) => {
            context.ok = answered(context.spec, status, headers.location)
            if (!context.ok) {
              const entry = tally(context.template)
              if (entry.samples.length < 3) entry.samples.push(`${context.spec.method} ${context.spec.path} → ${status} ${headers.location ?? ''} ${String(body).replace(/\s+/g, ' ').slice(0, 160)}`)
            }
          },
        },
      ] as any,
    })
    instance.on('response', (client: any, _status: number, _bytes: number, responseTime: number) => {
      const context = client.requestIterator.context
      if (!context?.template) return
      const entry = tally(context.template)
      entry.latencies.push(responseTime)
      if (!context.ok) entry.errors++
    })
    instance.on('reqError', () => transportErrors++)
    runs.push(instance as unknown as PromiseLike<autocannon.Result>)
  }
  await Promise.all(runs)
  const elapsed = secondsSince(begin)
  const to = new Date()
  const cpu = { server: cpuSeconds(server.pid) - cpuBefore.server, worker: cpuSeconds(worker.pid) - cpuBefore.worker }
  const load = loadavg()[0]
  const watch = await stopWatching()
  // what the step sent is delivered within a few seconds: wait for it before measuring the lags
  await sleep(7000)
  const lags = await lagsOf(from, to)
  const total = [...byTemplate.values()].reduce((sum, entry) => sum + entry.latencies.length, 0)
  return {
    rate,
    seconds,
    connections,
    achieved: total / elapsed,
    byTemplate,
    transportErrors,
    watch,
    lags,
    loop: { server: loopDelays(loopFile.server, from.getTime(), to.getTime()), worker: loopDelays(loopFile.worker, from.getTime(), to.getTime()) },
    cpu,
    load,
  }
}

const summary = (latencies: number[]) => ({
  count: latencies.length,
  p50: latencies.length ? percentile(latencies, 50) : NaN,
  p95: latencies.length ? percentile(latencies, 95) : NaN,
  p99: latencies.length ? percentile(latencies, 99) : NaN,
})
function byKind(step: StepResult) {
  const kinds = new Map<Kind, Tally>()
  for (const [template, entry] of step.byTemplate) {
    const kind = kinds.get(template.kind) ?? { latencies: [], errors: 0, samples: [] }
    kind.latencies.push(...entry.latencies)
    kind.errors += entry.errors
    kind.samples.push(...entry.samples)
    kinds.set(template.kind, kind)
  }
  return kinds
}
const allLatencies = (step: StepResult) => [...step.byTemplate.values()].flatMap((entry) => entry.latencies)
const allErrors = (step: StepResult) => [...step.byTemplate.values()].reduce((sum, entry) => sum + entry.errors, 0) + step.transportErrors
const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(0).padStart(5))
const sec = (value: unknown) => (value === null || value === undefined ? '—' : `${Number(value).toFixed(1)} s`)
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')

function stepLine(step: StepResult) {
  const overall = summary(allLatencies(step))
  const server = step.loop.server
  return (
    `  ${String(step.rate).padStart(4)} req/s × ${step.seconds} s: achieved ${step.achieved.toFixed(1)} req/s, p50 ${ms(overall.p50)} ms, p95 ${ms(overall.p95)} ms, p99 ${ms(overall.p99)} ms, ` +
    `errors ${allErrors(step)}, PG connections ≤ ${step.watch.peakConnections} (${step.watch.peakActive} active), worker lag ≤ ${sec(step.watch.workerLag)}, ` +
    `bus lag p95 ${sec(step.lags.bus.p95)}, server loop delay p99 ≤ ${server ? `${server.p99.toFixed(0)} ms` : '—'}, ` +
    `server CPU ${((1000 * step.cpu.server) / Math.max(1, overall.count)).toFixed(1)} ms/request, worker CPU ${(step.cpu.worker / step.seconds).toFixed(2)} s/s, load average ${step.load.toFixed(1)}`
  )
}

// ---------------------------------------------------------------------------
// Profile: the server's CPU time per page, one request at a time
// ---------------------------------------------------------------------------

// CPU time barely depends on what else runs on the machine, unlike latency: it tells which pages
// cost most and how many requests a core serves (BENCH_PROFILE_SAMPLES requests per page, 0: none).
const PROFILE_SAMPLES = num('BENCH_PROFILE_SAMPLES', 20)
const profile: { template: Template; cpuMs: number; wallMs: number }[] = []
if (PROFILE_SAMPLES > 0) {
  for (const template of usable) {
    const samples = template.kind === 'writes' ? Math.min(5, PROFILE_SAMPLES) : PROFILE_SAMPLES
    const walls: number[] = []
    const before = cpuSeconds(server.pid)
    for (let index = 0; index < samples; index++) {
      const spec = template.build(template.who ? pick(template.sessions) : undefined)
      if (!spec) break
      const begin = performance.now()
      await request(PORT, { method: spec.method, path: spec.path, host: spec.headers.host, headers: spec.headers, body: spec.body as any })
      walls.push(performance.now() - begin)
    }
    if (walls.length) profile.push({ template, cpuMs: ((cpuSeconds(server.pid) - before) * 1000) / walls.length, wallMs: percentile(walls, 50) })
  }
  profile.sort((a, b) => b.cpuMs - a.cpuMs)
  console.log('')
  console.log(`server CPU per request, ${PROFILE_SAMPLES} sequential requests per page (most expensive first):`)
  for (const { template, cpuMs, wallMs } of profile) {
    console.log(`  ${`${template.kind}: ${template.name}`.padEnd(48)} CPU ${cpuMs.toFixed(1).padStart(6)} ms   wall p50 ${wallMs.toFixed(1).padStart(6)} ms`)
  }
  const share = new Map(KIND_WEIGHTS)
  const weighted = [...share.keys()].reduce((sum, kind) => {
    const rows = profile.filter((row) => row.template.kind === kind)
    const weight = rows.reduce((total, row) => total + row.template.weight, 0)
    return rows.length ? sum + (share.get(kind)! / 100) * rows.reduce((total, row) => total + (row.cpuMs * row.template.weight) / weight, 0) : sum
  }, 0)
  console.log(`  the mix: ${weighted.toFixed(1)} ms of server CPU per request on average, about ${(1000 / weighted).toFixed(0)} requests/s per core`)
}

// ---------------------------------------------------------------------------
// The run: steps up to and past the target, until p95 crosses 300 ms
// ---------------------------------------------------------------------------

console.log('')
console.log(`load steps (${CONNECTIONS} connections at most, one per user request stream; ${sessions.length} sessions):`)
const plan = [...new Set([...STEPS, TARGET_RATE])].sort((a, b) => a - b)
const steps: StepResult[] = []
let saturation: { below?: StepResult; above?: StepResult } = {}
for (let index = 0; ; index++) {
  const rate = index < plan.length ? plan[index] : Math.ceil((steps.at(-1)!.rate * 1.25) / 50) * 50
  if (rate > MAX_RATE) break
  const step = await runStep(rate, rate === TARGET_RATE ? SECONDS : STEP_SECONDS)
  steps.push(step)
  console.log(stepLine(step))
  const p95 = summary(allLatencies(step)).p95
  // the first step over the limit, and the highest one under it before it
  if (p95 > SATURATION_MS && !saturation.above) {
    saturation = { below: steps.slice(0, -1).reverse().find((candidate) => summary(allLatencies(candidate)).p95 <= SATURATION_MS), above: step }
  }
  if (saturation.above && rate >= TARGET_RATE) break
  if (index >= plan.length - 1 && saturation.above) break
  // far below the asked rate: the load generator or the server is the limit, more rate will not tell more
  if (index >= plan.length - 1 && step.achieved < rate * 0.8) break
}
await monitor.end()
redis.disconnect()
server.kill('SIGTERM')
worker.kill('SIGTERM')
rmSync(probeDir, { recursive: true, force: true })

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

const target = steps.find((step) => step.rate === TARGET_RATE)!
console.log('')
console.log(
  `Krai mixed-workload benchmark: ${tenants.length} tenants (${blocks.length} blocks × ${scale.orders} orders and ${scale.staff} staff, ` +
    `${tenants.filter((tenant) => tenant.kind === 'municipality').length} municipalities + control × ${scale.municipalOrders} orders, ${scale.problems} problems, ${scale.plannerItems} planner items), ` +
    `${sessions.length} signed-in users; seeding ${reuse ? 'reused' : `${seedingSeconds.toFixed(0)} s`}`
)
console.log(`target step: ${TARGET_RATE} req/s for ${SECONDS} s over ${target.connections} connections; achieved ${target.achieved.toFixed(1)} req/s`)
console.log('')
console.log(`  ${'kind'.padEnd(12)} ${'share'.padStart(6)} ${'requests'.padStart(9)} ${'p50'.padStart(5)} ${'p95'.padStart(5)} ${'p99'.padStart(5)}  errors   p95 < ${TARGET_P95} ms  p99 < ${TARGET_P99} ms`)
const kinds = byKind(target)
const total = allLatencies(target).length
let everyKindOk = true
for (const [kind] of KIND_WEIGHTS) {
  const entry = kinds.get(kind)
  if (!entry) continue
  const figures = summary(entry.latencies)
  const ok95 = figures.p95 < TARGET_P95
  const ok99 = figures.p99 < TARGET_P99
  everyKindOk &&= ok95 && ok99
  console.log(
    `  ${kind.padEnd(12)} ${`${((100 * figures.count) / total).toFixed(0)} %`.padStart(6)} ${String(figures.count).padStart(9)} ${ms(figures.p50)} ${ms(figures.p95)} ${ms(figures.p99)}  ${String(entry.errors).padStart(6)}   ${verdict(ok95).padEnd(13)} ${verdict(ok99)}`
  )
}
const overall = summary(allLatencies(target))
console.log(`  ${'all'.padEnd(12)} ${'100 %'.padStart(6)} ${String(overall.count).padStart(9)} ${ms(overall.p50)} ${ms(overall.p95)} ${ms(overall.p99)}  ${String(allErrors(target)).padStart(6)}`)
console.log('')
console.log('  slowest pages at the target step (p95):')
const slowest = [...target.byTemplate.entries()].map(([template, entry]) => ({ template, entry, figures: summary(entry.latencies) })).sort((a, b) => b.figures.p95 - a.figures.p95)
for (const { template, entry, figures } of slowest.slice(0, 10)) {
  console.log(`    ${`${template.kind}: ${template.name}`.padEnd(48)} ${String(figures.count).padStart(6)} req  p50 ${ms(figures.p50)}  p95 ${ms(figures.p95)}  p99 ${ms(figures.p99)} ms${entry.errors ? `  errors ${entry.errors}` : ''}`)
}
for (const step of steps) {
  for (const [template, entry] of step.byTemplate) {
    for (const sample of entry.samples) console.log(`  error at ${step.rate} req/s, ${template.name}: ${sample}`)
  }
  if (step.transportErrors) console.log(`  ${step.transportErrors} connection errors or timeouts at ${step.rate} req/s`)
}
for (const [pool, count] of Object.entries(exhausted)) console.log(`  (${pool} targets ran out ${count} times: reads took their place)`)

const bus = target.lags.bus
const mail = target.lags.mail
const busLag = Math.max(Number(bus.max ?? 0), target.watch.busPending)
const mailLag = Number(mail.max ?? 0)
const errors = allErrors(target)
console.log('')
console.log(`  errors at the target step: ${errors}  (target 0: ${verdict(errors === 0)})`)
console.log(`  every kind p95 < ${TARGET_P95} ms and p99 < ${TARGET_P99} ms: ${verdict(everyKindOk)}`)
console.log(
  `  PostgreSQL connections at peak: ${target.watch.peakConnections} (${target.watch.peakActive} active at once; each process's shared pools hold DB_POOL_MAX = ${settings.database.poolMax} at most)`
)
console.log(`  worker lag (oldest waiting job): ≤ ${sec(target.watch.workerLag)}, at most ${target.watch.waiting} jobs waiting`)
console.log(
  `  bus lag (sent → applied): ${bus.messages} messages, p50 ${sec(bus.p50)}, p95 ${sec(bus.p95)}, max ${sec(bus.max)}; oldest pending seen ${sec(target.watch.busPending)}  (target < ${TARGET_LAG_S} s: ${verdict(busLag < TARGET_LAG_S)})`
)
console.log(
  `  notification e-mail lag (created → sent): ${mail.notifications} notifications, ${mail.sent} sent, ${mail.pending} pending, ${mail.failed} failed; p95 ${sec(mail.p95)}, max ${sec(mail.max)}  (target < ${TARGET_LAG_S} s: ${verdict(mailLag < TARGET_LAG_S && Number(mail.pending) === 0)})`
)
const loop = target.loop
const loopLine = (name: string, figures: ReturnType<typeof loopDelays>) => (figures ? `${name} p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(0)} ms, max ${figures.max.toFixed(0)} ms` : `${name} —`)
console.log(`  event-loop delay (in process, per second): ${loopLine('server', loop.server)}; ${loopLine('worker', loop.worker)}`)
console.log(
  `  CPU: the server ${((1000 * target.cpu.server) / Math.max(1, overall.count)).toFixed(1)} ms per request (${(target.cpu.server / target.seconds).toFixed(2)} cores), ` +
    `the worker ${(target.cpu.worker / target.seconds).toFixed(2)} cores; the machine's load average ${target.load.toFixed(1)} on ${cpuCount} cores`
)
console.log('')
if (saturation.above) {
  const high = saturation.above
  const low = saturation.below
  const p95High = summary(allLatencies(high)).p95
  if (low) {
    const p95Low = summary(allLatencies(low)).p95
    const point = low.rate + ((SATURATION_MS - p95Low) * (high.rate - low.rate)) / (p95High - p95Low)
    console.log(`  saturation point (p95 of all requests crosses ${SATURATION_MS} ms): ≈ ${point.toFixed(0)} req/s (between ${low.rate} req/s, p95 ${p95Low.toFixed(0)} ms, and ${high.rate} req/s, p95 ${p95High.toFixed(0)} ms)`)
  } else {
    console.log(`  saturation point: below ${high.rate} req/s (p95 ${p95High.toFixed(0)} ms already at the lowest step)`)
  }
} else {
  const last = steps.at(-1)!
  console.log(`  saturation point: above ${last.rate} req/s (p95 ${summary(allLatencies(last)).p95.toFixed(0)} ms at the highest step run, achieved ${last.achieved.toFixed(0)} req/s)`)
}
process.exit(0)
