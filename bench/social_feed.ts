/*
|--------------------------------------------------------------------------
| Social publications benchmark (the lead wires it into `bench:social`)
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bench/social_feed.ts
|   (BENCH_DB_DATABASE, default krai_bench_social_feed)
|
| On its own database: the portal with BENCH_USERS users (default 100 000),
| BENCH_PUBLICATIONS publications (default 300 000) over the 16 subjects
| and 44 municipalities, and BENCH_COMMENTS comments (default 2 000 000),
| 500 of them (threads with replies) on one busy publication — seeded in
| SQL. A reader follows 50 people and 3 subjects. Against the built
| production server, beside a bare route: p95 of the personal feed (first
| page and a later one), a publication with 500 comments and the public
| catalogue (target < 50 ms).
|
*/

import './lib/environment.js'
import { startBench } from './lib/boot.js'
import { createPortal } from './lib/portal.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { signIn, waitForServer } from './lib/http.js'
import { readFileSync } from 'node:fs'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage, timeRuns, type Latency } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3473)
const USERS = Number(process.env.BENCH_USERS || 100_000)
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS || 300_000)
const COMMENTS = Number(process.env.BENCH_COMMENTS || 2_000_000)
const BUSY_COMMENTS = 500
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)
const PASSWORD = 'bench-social-password'
const READER = 'reader@social.bench'
const SUBJECTS = ['transport', 'roads', 'housing', 'urban_environment', 'ecology', 'education', 'health', 'social_support', 'culture', 'sport', 'economy', 'construction', 'digital', 'safety', 'agriculture', 'tourism']

const app = await startBench('krai_bench_social_feed')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const hash = (await import('@adonisjs/core/services/hash')).default

const { portal, host: portalHost } = await createPortal()

let started = performance.now()
const { busyId, readerId } = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  const password = await hash.make(PASSWORD)
  // the first is the reader (signs in); the rest write
  await db.rawQuery(
    `insert into users (email, full_name, password, role, status, created_at, updated_at)
     select case g when 1 then ? else 'user' || g || '@social.bench' end, 'Пользователь ' || g, ?, 'citizen', 'active', now(), now()
       from generate_series(1, ?) g`,
    [READER, password, USERS]
  )
  // ids as the sequence gave them: the reader's, then the writers' (reader + 1 … reader + USERS - 1)
  const reader = Number((await db.from('users').where('email', READER).select('id').first()).id)
  // authors spread over every user but the reader; the newest publication has the largest id
  await db.rawQuery(
    `insert into social_publications (author_id, title, body, body_html, excerpt, subject_code, municipality_code, tags, likes_count, comments_count, created_at, updated_at)
     select ? + 1 + (n::bigint * 7919) % (? - 1), 'Публикация ' || n, 'Текст публикации ' || n, '<p>Текст публикации ' || n || '</p>', 'Текст публикации ' || n,
       (?::text[])[1 + n % 16], 'm' || (n % 44), array['tag' || (n % 500)], n % 17, 0,
       now() - make_interval(secs => ? - n), now() - make_interval(secs => ? - n)
       from generate_series(1, ?) n`,
    [reader, USERS, SUBJECTS, PUBLICATIONS, PUBLICATIONS, PUBLICATIONS]
  )
  const busy = Number((await db.from('social_publications').max('id as id').first()).id) - 10
  // the busy publication: 200 threads, 300 replies (two levels)
  await db.rawQuery(
    `insert into social_comments (publication_id, depth, author_id, body, up_count, down_count, created_at, updated_at)
     select ?, 0, ? + 1 + (n * 31) % (? - 1), 'Комментарий ' || n, n % 5, n % 3, now(), now() from generate_series(1, 200) n`,
    [busy, reader, USERS]
  )
  await db.rawQuery(
    `insert into social_comments (publication_id, root_id, parent_id, depth, author_id, body, created_at, updated_at)
     select ?, r.id, r.id, 1, ? + 1 + (n * 37) % (? - 1), 'Ответ ' || n, now(), now()
       from generate_series(1, ?) n join lateral (select id from social_comments where publication_id = ? and parent_id is null order by id offset (n % 200) limit 1) r on true`,
    [busy, reader, USERS, BUSY_COMMENTS - 200, busy]
  )
  // the rest over every publication, top-level
  await db.rawQuery(
    `insert into social_comments (publication_id, depth, author_id, body, created_at, updated_at)
     select (select min(id) from social_publications) + (n::bigint * 104729) % ?, 0, ? + 1 + (n::bigint * 13) % (? - 1), 'Комментарий ' || n, now(), now() from generate_series(1, ?) n`,
    [PUBLICATIONS, reader, USERS, COMMENTS - BUSY_COMMENTS]
  )
  await db.rawQuery(`update social_publications p set comments_count = c.n from (select publication_id, count(*) n from social_comments group by publication_id) c where c.publication_id = p.id`)
  // the reader follows 50 people (active authors) and 3 subjects
  await db.rawQuery(
    `insert into social_follows (follower_id, target_type, target_key, created_at)
     select ?::int, 'user', (? + 1 + g * 1999)::text, now() from generate_series(1, 50) g
     union all select ?::int, 'subject', s, now() from unnest(array['transport', 'ecology', 'digital']) s`,
    [reader, reader, reader]
  )
  return { busyId: busy, readerId: reader }
})
const count = (table: string) => tenantScope.run(portal, async () => Number((await tenantDb().from(table).count('* as n'))[0].n))
console.log(`seeded ${await count('users')} users, ${await count('social_publications')} publications, ${await count('social_comments')} comments in ${secondsSince(started).toFixed(1)} s`)
await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['users', 'social_publications', 'social_comments', 'social_follows', 'social_publication_photos', 'social_comment_votes', 'social_publication_likes'], { vacuum: true }))

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}

/**
 * CPU time (user + system, ms) the server process has used: on a shared machine its share per request
 * is a steadier figure than latency, which waits for the other processes' turns.
 */
function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const cookie = await signIn(PORT, portalHost, READER, PASSWORD, '/feed')
  const measure = async (path: string, signedIn = true, inspect?: (body: string) => void): Promise<Latency & { cpu: number }> => {
    const before = cpuMs(server.pid!)
    const latency = await measurePage(PORT, { host: portalHost, path, samples: SAMPLES, cookie: signedIn ? cookie : undefined, inspect })
    // the ten warm-up requests ran too
    return { ...latency, cpu: (cpuMs(server.pid!) - before) / (SAMPLES + 10) }
  }
  const cpu = (result: { cpu: number }) => `server CPU ${result.cpu.toFixed(1)} ms/request`
  const bare = await measure('/__bench/bare', false)
  let firstCards = 0
  const feed = await measure('/feed', true, (body) => (firstCards = [...body.matchAll(/id="sp-card-/g)].length))
  // a later page: after the 200th newest item of the feed
  const after = await tenantScope.run(portal, async () => {
    const { personalFeed } = await import('#modules/social/publications/services/queries')
    let page = await personalFeed(readerId, { page: 1 })
    for (let i = 2; i <= 10; i++) page = await personalFeed(readerId, { after: page.all().at(-1)!.id, page: i })
    return page.all().at(-1)!.id
  })
  const feedLater = await measure(`/feed?after=${after}&page=11`)
  // the queries alone, in this process (no HTTP, no page): what PostgreSQL and the query code cost
  const { personalFeed, commentThreads } = await import('#modules/social/publications/services/queries')
  const feedQuery = await tenantScope.run(portal, () => timeRuns(SAMPLES, 10, () => personalFeed(readerId, { page: 1 })))
  const threadsQuery = await tenantScope.run(portal, () => timeRuns(SAMPLES, 10, () => commentThreads(busyId, { page: 1 }, { id: readerId, moderator: false })))
  let shownComments = 0
  const busy = await measure(`/publications/${busyId}`, true, (body) => (shownComments = [...body.matchAll(/class="sp-comment"/g)].length))
  const catalogue = await measure('/publications?subject=transport', false)
  const tag = await measure('/publications?tag=tag7', false)

  print('')
  print(`social publications benchmark — ${USERS} users, ${PUBLICATIONS} publications, ${COMMENTS} comments; load ${loadAverage()}`)
  print(`  bare route (baseline)                        ${formatLatency(bare)}; ${cpu(bare)}`)
  print(`  personal feed (50 people + 3 subjects), p. 1 ${formatLatency(feed)}  (${p95Verdict(feed, 50)}; ${firstCards} cards; ${cpu(feed)})`)
  print(`  personal feed, page 11                       ${formatLatency(feedLater)}  (${p95Verdict(feedLater, 50)}; ${cpu(feedLater)})`)
  print(`  publication with ${BUSY_COMMENTS} comments (first page)   ${formatLatency(busy)}  (${p95Verdict(busy, 50)}; ${shownComments} comments shown; ${cpu(busy)})`)
  print(`  feed query alone (in process)                ${formatLatency(feedQuery)}`)
  print(`  comment threads query alone (in process)     ${formatLatency(threadsQuery)}`)
  print(`  catalogue, one subject                       ${formatLatency(catalogue)}  (${p95Verdict(catalogue, 50)}; ${cpu(catalogue)})`)
  print(`  catalogue, one tag                           ${formatLatency(tag)}  (${p95Verdict(tag, 50)}; ${cpu(tag)})`)
} finally {
  server.kill('SIGTERM')
  await app.terminate()
}
