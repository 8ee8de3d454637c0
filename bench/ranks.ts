/*
|--------------------------------------------------------------------------
| Priority ranks benchmark (the priorities part of bench:ranks)
|--------------------------------------------------------------------------
|
| npm run bench:ranks   (BENCH_DB_DATABASE, default krai_bench_ranks)
|
| On its own database: the portal, with 172 priorities (40 regional, three
| per municipality), BENCH_RANKS_CITIZENS (200 000) voters and
| BENCH_RANKS_BALLOTS (5 500 000) ballots over four ended quarters, seeded
| in SQL (a ballot's municipality and priority spread by a hash, so runs are
| alike). Then:
|
| - the quarterly computation (`SealQuarter`: counts, ranks, SHA-256 of the
|   canonical ballot file, Δrank, storing) of each quarter — target < 15 s
|   for one quarter of ~1.4 M ballots — and its re-run (`verifyQuarter`
|   recomputes the file and the ranks: the hash must be identical);
| - against the built production server and beside a bare route: p95 of
|   the results pages (region; one municipality) — target < 100 ms;
| - the ballot file's export — target < 200 MB of memory: over HTTP
|   (streamed), what it added to the server's RSS; and in a process of its
|   own (`node ace priorities:ballots <quarter> --out …`, the same bytes),
|   that process's peak RSS (VmHWM), beside the peak of the same process
|   booting and refusing an unsealed quarter (the app's own share).
|
| The service-ratings part is bench/service_ranks.ts (another module).
|
*/

import './lib/environment.js'
import http from 'node:http'
import { readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBench } from './lib/boot.js'
import { analyzeTables } from './lib/analyze.js'
import { ROOT, startServer } from './lib/build.js'
import { waitForServer } from './lib/http.js'
import { runMeasured } from './lib/peak_memory.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage } from './lib/measure.js'

const PORT = Number(process.env.BENCH_PORT || 3453)
const CITIZENS = Number(process.env.BENCH_RANKS_CITIZENS || 200_000)
const BALLOTS = Number(process.env.BENCH_RANKS_BALLOTS || 5_500_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)
const QUARTERS = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']

const app = await startBench('krai_bench_ranks')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { hostLabelFor } = await import('#tenancy/naming')
const { SealQuarter } = await import('#modules/priorities/actions/seal_quarter')
const { verifyQuarter } = await import('#modules/priorities/actions/verify_quarter')
const { quarterStart } = await import('#modules/priorities/services/quarters')

const portal = await tenantProvisioner.create({ slug: 'portal', kind: 'portal', nameRu: 'Портал', nameEn: 'Portal' })
const portalHost = `${hostLabelFor(portal.slug)}.localhost`
const inPortal = <T>(work: () => Promise<T>) => tenantScope.run(portal, work)

// ---- seeding
let started = performance.now()
const perQuarter = Math.round(BALLOTS / QUARTERS.length)
await inPortal(async () => {
  const db = tenantDb()
  // the region's municipalities, as the demo seed writes them into every tenant
  const { loadCatalog } = await import('#tenants/catalog')
  for (const entry of (await loadCatalog()).municipalities) {
    await db.rawQuery(
      `insert into municipalities (code, kind, name_ru, name_en, admin_center_ru, admin_center_en, lat, lon) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing`,
      [entry.code, entry.kind, entry.name_ru, entry.name_en, entry.admin_center_ru, entry.admin_center_en, entry.lat, entry.lon]
    )
  }
  const codes = (await db.from('municipalities').select('code').orderBy('code')).map((row) => row.code as string)
  // 200 000 citizens at most 5 votes each cannot cast 1.4 M ballots a quarter: the bench allows 7
  await db.rawQuery(`insert into priority_settings (id, votes_per_quarter) values (1, 7) on conflict (id) do update set votes_per_quarter = 7`)
  await db.rawQuery(
    `insert into priority_items (level, municipality_code, title, description, category, opens_quarter, status, published_at, created_at, updated_at)
     select 'regional', null, 'Региональный приоритет ' || n, 'Описание приоритета ' || n, 'Развитие', '2025-Q1', 'published', now(), now(), now()
     from generate_series(1, 40) n`
  )
  await db.rawQuery(
    `insert into priority_items (level, municipality_code, title, description, category, opens_quarter, status, published_at, created_at, updated_at)
     select 'municipal', code, 'Приоритет ' || code || ' ' || n, 'Описание', 'Благоустройство', '2025-Q1', 'published', now(), now(), now()
     from unnest(?::text[]) code, generate_series(1, 3) n`,
    [codes]
  )
  const regional = (await db.from('priority_items').where('level', 'regional').select('id').orderBy('id')).map((row) => row.id as number)
  const municipal = await db.from('priority_items').where('level', 'municipal').select('id', 'municipality_code').orderBy('id')
  const localOf = codes.map((code) => municipal.filter((row) => row.municipality_code === code).map((row) => row.id as number))
  for (const quarter of QUARTERS) {
    const from = quarterStart(quarter).toUTC().toISO()!
    // a citizen's municipality: skewed towards the first codes (big cities); priorities by a hash of the ballot
    await db.rawQuery(
      `insert into priority_ballots (receipt, quarter, priority_id, municipality_code, cast_at)
       select md5(? || i), ?,
              case when h % 10 < 7 then (?::int[])[1 + (h / 10) % ?] else (?::int[])[1 + m * 3 + (h / 10) % 3] end,
              (?::text[])[1 + m],
              ?::timestamptz + ((h % 90) || ' days')::interval + ((i % 86400) || ' seconds')::interval
       from (
         select i, abs(hashtext(? || i)) as h,
                least(43, floor(44 * power(abs(hashtext('m' || ? || i))::float / 2147483648, 2)))::int as m
         from generate_series(1, ?) i
       ) s`,
      [quarter, quarter, regional, regional.length, localOf.flat(), codes, from, quarter, quarter, perQuarter]
    )
    await db.rawQuery(
      `insert into priority_voters (user_id, quarter, active_votes) select u, ?, 7 from generate_series(1, ?) u`,
      [quarter, CITIZENS]
    )
  }
  // a few withdrawn ballots, as in life
  await db.rawQuery(`update priority_ballots set withdrawn_at = cast_at + interval '1 hour' where id % 97 = 0`)
  await analyzeTables(db, ['priority_ballots', 'priority_voters', 'priority_items'], { vacuum: true })
})
console.log(`seeded ${BALLOTS} ballots of ${CITIZENS} citizens over ${QUARTERS.length} quarters in ${secondsSince(started).toFixed(1)} s`)

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

// ---- the quarterly computation
const computations: string[] = []
for (const quarter of QUARTERS) {
  started = performance.now()
  const result = await inPortal(() => new SealQuarter().handle(quarter))
  const seconds = secondsSince(started)
  computations.push(`  ${quarter}: ${result.snapshot.ballots_counted} ballots counted in ${seconds.toFixed(1)} s (target < 15 s: ${seconds < 15 ? 'ok' : 'MISSED'}), SHA-256 ${result.snapshot.ballot_file_sha256.slice(0, 16)}…`)
  console.log(computations.at(-1))
}
const last = QUARTERS.at(-1)!
started = performance.now()
const rerun = await inPortal(() => verifyQuarter(last))
const rerunSeconds = secondsSince(started)
started = performance.now()
const rebuild = await inPortal(() => new SealQuarter().handle(last))
const rebuildSeconds = secondsSince(started)

// ---- the server
const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
const rssOfServer = () => {
  try {
    const match = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}
function download(path: string) {
  return new Promise<{ status: number; bytes: number; seconds: number }>((resolve, reject) => {
    const begin = performance.now()
    const req = http.get({ host: '127.0.0.1', port: PORT, path, headers: { host: portalHost } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, seconds: (performance.now() - begin) / 1000 }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

try {
  await waitForServer(PORT)
  const measure = (path: string) => measurePage(PORT, { host: portalHost, path, samples: SAMPLES })
  const bare = await measure('/__bench/bare')
  const region = await measure(`/priorities/results/${last}`)
  const municipality = await measure(`/priorities/results/${last}?scope=krasnodar`)
  const before = rssOfServer()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rssOfServer())), 50)
  const file = await download(`/priorities/results/${last}/ballots.csv`)
  clearInterval(sampler)
  peak = Math.max(peak, rssOfServer())
  // the export alone, in a process of its own (the built app's console, as an operator runs it)
  const directory = await mkdtemp(join(tmpdir(), 'krai-bench-ballots-'))
  const out = join(directory, `priority-ballots-${last}.csv`)
  const ace = (quarter: string, target: string) =>
    runMeasured(process.execPath, ['bin/console.js', 'priorities:ballots', quarter, `--out=${target}`, '--tenant=portal'], { cwd: `${ROOT}build`, label: 'priorities:ballots', quiet: quarter !== last })
  // the app's own share: the same command booting and refusing a quarter never sealed
  const idle = await ace('1999-Q1', join(directory, 'none.csv'))
  const command = await ace(last, out)
  const commandBytes = command.code === 0 ? statSync(out).size : 0
  await rm(directory, { recursive: true, force: true })

  print('')
  print(`Priority ranks — ${BALLOTS} ballots of ${CITIZENS} citizens, ${QUARTERS.length} quarters (load average ${loadAverage()})`)
  print('quarterly computation (SealQuarter):')
  for (const line of computations) print(line)
  print(`  re-run of ${last} (verifyQuarter: file + ranks recomputed): ${rerunSeconds.toFixed(1)} s — ${rerun.ok ? 'identical hash and ranks' : `DIFFERENT: ${rerun.line}`}`)
  print(`  rebuild of ${last} (SealQuarter on a sealed quarter): ${rebuildSeconds.toFixed(1)} s — ${rebuild.identical ? 'identical' : 'DIFFERENT'}`)
  print('pages (production server):')
  print(`  bare route (baseline)                      ${formatLatency(bare)}`)
  print(`  results, region                            ${formatLatency(region)}  (${p95Verdict(region, 100)})`)
  print(`  results, one municipality                  ${formatLatency(municipality)}  (${p95Verdict(municipality, 100)})`)
  // the built server idles near 300 MB whatever it serves: the export's own memory is what it adds to that
  print(
    `ballot file export over HTTP: ${file.status}, ${mb(file.bytes)} in ${file.seconds.toFixed(1)} s; server RSS ${mb(before)} before, peak ${mb(peak)}: the export added ${mb(peak - before)} (target < 200 MB: ${peak - before < 200 * 1024 * 1024 ? 'ok' : 'MISSED'})`
  )
  const identical = command.code === 0 && commandBytes === file.bytes
  // the console boots the whole app (~200 MB whatever it does): the export's own memory is the peak above that
  const own = Math.max(0, command.peakBytes - idle.peakBytes)
  print(
    `ballot file export in its own process (priorities:ballots): exit ${command.code}, ${mb(commandBytes)} in ${command.seconds.toFixed(1)} s${identical ? ', same size as over HTTP, SHA-256 checked against the snapshot' : ' — DIFFERENT from the HTTP export'}; peak RSS (VmHWM) ${mb(command.peakBytes)}, of which booting the app ${mb(idle.peakBytes)} (the same command refusing an unsealed quarter): the export itself ≈ ${mb(own)} (target < 200 MB: ${own < 200 * 1024 * 1024 ? 'ok' : 'MISSED'})`
  )
} finally {
  server.kill('SIGTERM')
  await app.terminate()
}
