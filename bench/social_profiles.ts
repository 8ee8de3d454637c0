/*
|--------------------------------------------------------------------------
| Social profiles benchmark (the lead wires it into `bench:social`)
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bench/social_profiles.ts
|   (BENCH_DB_DATABASE, default krai_bench_social_profiles)
|
| On its own database: a portal with BENCH_USERS users (default 100 000),
| each with a social profile (two interests, a municipality), each following
| BENCH_FOLLOWS_PER_USER people (default 10; one "popular" person followed by
| everybody) plus a subject, and BENCH_ORGANISATIONS verified organisations
| (default 1 000) of 20 members each, seeded in SQL. Then, against the built
| production server beside a bare route: p95 of a profile page (an ordinary
| person, and the popular one with every user as a follower), a subject page
| (people by interest: the GIN index), the organisations list and an
| organisation's page (target < 50 ms), and of publicNames() for 50 authors
| in process (what every feed and conversation asks for).
|
*/

import './lib/environment.js'
import { startBench } from './lib/boot.js'
import { createPortal } from './lib/portal.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage, timeRuns } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3463)
const USERS = Number(process.env.BENCH_USERS || 100_000)
const FOLLOWS = Number(process.env.BENCH_FOLLOWS_PER_USER || 10)
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS || 1_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)

const app = await startBench('krai_bench_social_profiles')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { subjectCodes } = await import('#modules/social/subjects')
const { publicNames } = await import('#modules/social/profiles/public_names')

const { portal, host: portalHost } = await createPortal()
const subjects = `array[${subjectCodes.map((code) => `'${code}'`).join(', ')}]`

const started = performance.now()
await tenantScope.run(portal, async () => {
  const db = tenantDb()
  await db.rawQuery(
    `insert into users (email, full_name, role, password, status, created_at, updated_at)
     select 'user' || n || '@bench.test', 'Пользователь ' || n, 'citizen', 'not-a-hash', 'active', now(), now() from generate_series(1, ?) n`,
    [USERS]
  )
  const municipalities = (await db.from('municipalities').select('code')).map((row) => `'${row.code}'`)
  await db.rawQuery(
    `insert into social_profiles (user_id, display_name, about, municipality_code, interests, created_at, updated_at)
     select u.id, 'Человек ' || u.id, 'О себе: ' || repeat('текст ', 40), (${municipalities.length ? `array[${municipalities.join(', ')}]` : `array[null::text]`})[1 + u.id % ${Math.max(municipalities.length, 1)}],
       array[(${subjects})[1 + u.id % ${subjectCodes.length}], (${subjects})[1 + (u.id / 7) % ${subjectCodes.length}]], now(), now()
     from users u`
  )
  const first = Number((await db.from('users').min('id as id'))[0].id)
  // everybody follows the first user (the popular one), FOLLOWS - 1 others and a subject
  await db.rawQuery(
    `insert into social_follows (follower_id, target_type, target_key, created_at)
     select u.id, 'user', (? + ((u.id * 7919 + k * 104729) % ?))::text, now()
     from users u, generate_series(1, ? - 1) k
     on conflict do nothing`,
    [first, USERS, FOLLOWS]
  )
  await db.rawQuery(`insert into social_follows (follower_id, target_type, target_key, created_at) select id, 'user', ?::text, now() from users where id <> ? on conflict do nothing`, [first, first])
  await db.rawQuery(`insert into social_follows (follower_id, target_type, target_key, created_at) select id, 'subject', (${subjects})[1 + id % ${subjectCodes.length}], now() from users on conflict do nothing`)
  await db.rawQuery(
    `insert into social_organisations (name, description, subjects, status, created_at, updated_at)
     select 'Организация ' || n, 'Описание организации ' || n, array[(${subjects})[1 + n % ${subjectCodes.length}]], 'verified', now(), now() from generate_series(1, ?) n`,
    [ORGANISATIONS]
  )
  await db.rawQuery(
    `insert into social_organisation_members (organisation_id, user_id, role, accepted_at, created_at)
     select o.id, ? + ((o.id * 20 + k) % ?), case when k = 0 then 'owner' else 'member' end, now(), now()
     from social_organisations o, generate_series(0, 19) k
     on conflict do nothing`,
    [first, USERS]
  )
})
const follows = await tenantScope.run(portal, async () => Number((await tenantDb().from('social_follows').count('* as n'))[0].n))
console.log(`seeded ${USERS} users with profiles, ${follows} follows, ${ORGANISATIONS} organisations in ${secondsSince(started).toFixed(1)} s`)
await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['users', 'social_profiles', 'social_follows', 'social_organisations', 'social_organisation_members']))

const ids = await tenantScope.run(portal, async () => (await tenantDb().from('users').orderBy('id').limit(2000).select('id')).map((row) => Number(row.id)))
const organisationId = await tenantScope.run(portal, async () => Number((await tenantDb().from('social_organisations').min('id as id'))[0].id))
const authors = ids.slice(100, 150)
const names = await timeRuns(SAMPLES, 10, () => tenantScope.run(portal, () => publicNames(authors)))

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const measure = (path: string) => measurePage(PORT, { host: portalHost, path, samples: SAMPLES })
  const bare = await measure('/__bench/bare')
  const person = await measure(`/people/${ids[1000]}`)
  const popular = await measure(`/people/${ids[0]}`)
  const subject = await measure('/subjects/transport')
  const organisations = await measure('/organisations?page=3')
  const organisation = await measure(`/organisations/${organisationId}`)

  console.log('')
  console.log(`social profiles benchmark — ${USERS} users, ${follows} follows, ${ORGANISATIONS} organisations; load ${loadAverage()}`)
  console.log(`  bare route (baseline)                   ${formatLatency(bare)}`)
  console.log(`  profile page                            ${formatLatency(person)}  (${p95Verdict(person, 50)})`)
  console.log(`  profile page, followed by everybody     ${formatLatency(popular)}  (${p95Verdict(popular, 50)})`)
  console.log(`  subject page (people by interest)       ${formatLatency(subject)}  (${p95Verdict(subject, 50)})`)
  console.log(`  organisations list, page 3              ${formatLatency(organisations)}  (${p95Verdict(organisations, 50)})`)
  console.log(`  organisation page (20 members)          ${formatLatency(organisation)}  (${p95Verdict(organisation, 50)})`)
  console.log(`  publicNames() of 50 authors, in process ${formatLatency(names)}  (${p95Verdict(names, 50)})`)
} finally {
  server.kill('SIGTERM')
  await app.terminate()
}
