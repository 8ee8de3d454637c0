/*
|--------------------------------------------------------------------------
| Law-making benchmark
|--------------------------------------------------------------------------
|
| npm run bench:lawmaking   (BENCH_DB_DATABASE, default krai_bench_lawmaking)
|
| On its own database: a block and the portal. The block's department
| publishes a draft of 600 clauses in 5 versions through the real actions
| (each discussion closed by the hourly job's code, each version relayed to
| the portal over the bus), then BENCH_REMARKS (20 000) remarks with their
| decisions (1 % hidden by moderation) and a tenth as many replies are
| seeded in SQL on version 4 in the portal, and a tenth as many on
| version 3. In process it prints:
|
| - the time to generate the summary of proposals of version 4 as XLSX and
|   as PDF (p95 of BENCH_SUMMARY_RUNS, target < 10 s), with RSS and heap
|   before, at peak and after, beside the same for version 3's tenth as
|   many remarks (streamed: memory does not grow with the remarks);
| - p95 of the redline between versions 4 and 5 (services/redline.ts)
|   against a baseline in the same run: a JSON round trip of both versions.
|
| Then over HTTP against the built production server, beside a bare route:
| the draft page, a clause with its remarks and the redline 4 → 5
| (target p95 < 100 ms), or "not available yet" while those pages do not
| answer 200. BENCH_HTTP=0 skips the build and this part;
| BENCH_SUMMARY_FORMATS=pdf times only the PDF (e.g. under --cpu-prof).
|
*/

import './lib/environment.js'
import { analyzeTables } from './lib/analyze.js'
import { Writable } from 'node:stream'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { request, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, timeRuns, type Latency, loadAverage } from './lib/measure.js'
import { percentile } from './lib/percentiles.js'

process.env.DB_DATABASE = process.env.BENCH_DB_DATABASE || 'krai_bench_lawmaking'

const PORT = Number(process.env.BENCH_PORT || 3412)
const REMARKS = Number(process.env.BENCH_REMARKS || 20_000)
const CONCLUSIONS = Number(process.env.BENCH_CONCLUSIONS || 50)
const SUMMARY_RUNS = Number(process.env.BENCH_SUMMARY_RUNS || 5)
const REDLINE_RUNS = Number(process.env.BENCH_REDLINE_RUNS || 50)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)
const HTTP = process.env.BENCH_HTTP !== '0'
/** Which summaries to time (`pdf` alone when profiling the PDF). */
const SUMMARY_FORMATS = (process.env.BENCH_SUMMARY_FORMATS || 'xlsx,pdf').split(',').filter((format): format is 'xlsx' | 'pdf' => format === 'xlsx' || format === 'pdf')
const ARTICLES = 100
const PARTS = 5
const VERSIONS = 5
const PAGE_TARGET_MS = 100
const SUMMARY_TARGET_S = 10

console.log(`load average (1 / 5 / 15 min) at start: ${loadAverage()}`)

await ensureServicesOrExit()
if (HTTP) buildApp()

const app = await bootOnFreshDatabase()
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { deliverNow } = await import('#bus/deliver_now')
const { systemActor } = await import('#core/audit')
const { regionToday } = await import('#core/region_time')
const Department = (await import('#modules/identity/models/department')).default
const User = (await import('#modules/identity/models/user')).default
const { SaveDraft } = await import('#modules/lawmaking/actions/save_draft')
const { PublishVersion } = await import('#modules/lawmaking/actions/publish_version')
const { closeEndedConsultations } = await import('#modules/lawmaking/actions/change_stage')
const { redline } = await import('#modules/lawmaking/services/redline')
const { summaryOfProposals, writeSummaryPdf, writeSummaryXlsx } = await import('#modules/lawmaking/exports/summary_of_proposals')
const i18nManager = (await import('@adonisjs/i18n/services/main')).default

// ---- the text: 100 articles of a title and 5 parts; every version edits a twentieth of the parts
// and replaces the last article with a new one (6 clauses removed, 6 added)
const PHRASES = [
  'органы исполнительной власти края в пределах своих полномочий',
  'обеспечивают доступность мер государственной поддержки',
  'в порядке, установленном высшим исполнительным органом края',
  'с учётом требований федерального законодательства',
  'на основании заявления, поданного в письменной или электронной форме',
  'при условии соблюдения сроков, предусмотренных настоящей статьёй',
]
function partText(article: number, part: number, version: number) {
  const clause = article * PARTS + part
  let edited = 1
  for (let v = 2; v <= version; v++) if (clause % 20 === v) edited = v
  const words = PHRASES.map((_, index) => PHRASES[(clause + index) % PHRASES.length]).slice(0, 3 + (clause % 3))
  return `${words.join(', ')}${edited > 1 ? `, включая уточнения ${edited}-й редакции` : ''} (положение ${article}.${part}).`
}
/** The article that each version puts in place of the previous one's last article (new words: new clauses). */
const NEW_ARTICLES = [
  'гранты некоммерческим организациям на поддержку добровольческих центров',
  'ежегодная премия губернатора лучшим волонтёрским проектам муниципалитетов',
  'региональный реестр добровольцев с учётом часов и наград',
  'обучение организаторов волонтёрской деятельности за счёт бюджета края',
  'страхование добровольцев при тушении пожаров и спасательных работах',
]
function draftText(version: number) {
  const lines: string[] = []
  for (let article = 1; article <= ARTICLES; article++) {
    const replaced = article === ARTICLES && version > 1
    const topic = NEW_ARTICLES[version - 1]
    lines.push(replaced ? `Статья ${ARTICLES - 1}.${version}. ${topic}` : `Статья ${article}. Положения ${article}`)
    for (let part = 1; part <= PARTS; part++) lines.push(`${part}. ${replaced ? `${topic}: условие ${part}` : partText(article, part, version)}`)
  }
  return lines.join('\n')
}

// ---- a block that drafts, the portal that discusses
let started = performance.now()
const portal = await tenantProvisioner.create({ slug: 'portal', kind: 'portal', nameRu: 'Портал', nameEn: 'Portal' })
const block = await tenantProvisioner.create({ slug: 'social', kind: 'block', nameRu: 'Блок социальной политики', nameEn: 'Social policy block' })
const tenants = [portal, block]
const author = await tenantScope.run(block, async () => {
  const department = await Department.create({ code: 'volunteers', nameRu: 'Управление по делам добровольцев', nameEn: 'Volunteers office', isActive: true })
  return User.create({ email: 'head@social.bench', fullName: 'Начальник управления', role: 'department_head', departmentId: department.id, status: 'active' })
})
const today = regionToday()
let draftId = 0
for (let version = 1; version <= VERSIONS; version++) {
  await tenantScope.run(block, async () => {
    const input = {
      title: 'О государственной поддержке добровольческой деятельности в Краснодарском крае',
      kind: 'law' as const,
      level: 'regional' as const,
      subjectArea: 'social',
      departmentId: author.departmentId!,
      responsibleId: author.id,
      explanatoryNote: 'Проект закрепляет меры поддержки добровольцев.',
      text: draftText(version),
    }
    const draft = await new SaveDraft().handle(input, author, systemActor('bench'), draftId || undefined)
    draftId = draft.id
    await new PublishVersion().handle(draftId, { changeSummary: `Редакция ${version}`, consultationStartsOn: today, consultationEndsOn: today.plus({ days: 14 }) }, author, systemActor('bench'))
    // the last version stays open for remarks; the others' discussions end (the hourly job's code)
    if (version < VERSIONS) await closeEndedConsultations(today.plus({ days: 15 }))
  })
  await deliverNow(tenants)
}
console.log(`published ${VERSIONS} versions of ${ARTICLES * (PARTS + 1)} clauses through the actions and the bus in ${secondsSince(started).toFixed(1)} s`)

// ---- remarks in the portal (SQL): 20 000 on version 4 with decisions, a tenth as many on version 3
started = performance.now()
const ids = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  const draft = await db.from('lawmaking_public_drafts').first()
  await db.rawQuery(
    `insert into users (email, full_name, role, status, created_at, updated_at)
     select 'citizen' || g || '@portal.bench', 'Гражданин ' || g, 'citizen', 'active', now(), now() from generate_series(1, 2000) g`
  )
  await db.rawQuery(
    `insert into problem_citizens (user_id, display_name, email_confirmed_at, created_at, updated_at)
     select id, 'Житель ' || id, now(), now(), now() from users where role = 'citizen' and id % 4 <> 0`
  )
  const seed = async (version: number, count: number) => {
    await db.rawQuery(
      `with clauses as (select array_agg(c.clause_key order by c.position) as keys, array_agg(c.text order by c.position) as texts
                          from lawmaking_public_clauses c join lawmaking_public_versions v on v.id = c.version_id
                         where v.draft_id = :draft and v.number = :version),
            people as (select array_agg(id order by id) as ids from users where role = 'citizen'),
            picked as (select g, case when g % 5 = 0 then 1 + g % 20 else 1 + (g * 7919) % array_length(keys, 1) end as at from generate_series(1, :count) g, clauses)
       insert into lawmaking_remarks (draft_id, version_number, clause_key, author_id, fragment, text, proposed_wording, reason, support_count,
                                      decision, decision_reason, decided_at, hidden_at, hidden_reason, created_at)
       select :draft, :version, clauses.keys[at], people.ids[1 + g % array_length(people.ids, 1)],
              case when g % 4 = 0 then split_part(clauses.texts[at], ',', 1) end,
              'Предлагаю уточнить формулировку положения: ' || repeat('норма должна определять порядок и сроки предоставления поддержки; ', 1 + g % 6) || 'замечание ' || g,
              case when g % 3 = 0 then 'Изложить в редакции: ' || clauses.texts[at] || ' Дополнительно предусмотреть сроки рассмотрения.' end,
              case when g % 2 = 0 then 'Норма в действующей редакции допускает различное толкование.' end,
              g % 7,
              (array['accepted', 'accepted', 'accepted', 'accepted', 'partly_accepted', 'partly_accepted', 'rejected', 'rejected', 'out_of_scope', 'accepted'])[1 + g % 10],
              case when g % 10 in (6, 7) then 'Предложение противоречит федеральному законодательству.'
                   when g % 10 = 8 then 'Вопрос не относится к предмету регулирования проекта.'
                   when g % 10 in (4, 5) then 'Учтено в части сроков.' end,
              now() - interval '1 day',
              case when g % 100 = 0 then now() - interval '2 days' end,
              case when g % 100 = 0 then 'Нарушает правила портала' end,
              now() - interval '10 days' + make_interval(secs => g)
         from picked, clauses, people`,
      { draft: draft.id, version, count }
    )
    // replies: discussion, not proposals (the summary leaves them out)
    await db.rawQuery(
      `insert into lawmaking_remarks (draft_id, version_number, clause_key, parent_id, author_id, text, support_count, created_at)
       select draft_id, version_number, clause_key, id, author_id, 'Поддерживаю', 0, created_at + interval '1 hour'
         from lawmaking_remarks where draft_id = :draft and version_number = :version and parent_id is null and id % 10 = 0`,
      { draft: draft.id, version }
    )
  }
  await seed(4, REMARKS)
  await seed(3, Math.round(REMARKS / 10))
  // 50 verified experts concluded on version 4, four remarks each with decisions (the summary lists them too)
  await db.rawQuery(
    `insert into users (email, full_name, role, status, created_at, updated_at)
     select 'expert' || g || '@portal.bench', 'Эксперт ' || g, 'expert', 'active', now(), now() from generate_series(1, :experts) g`,
    { experts: CONCLUSIONS }
  )
  await db.rawQuery(
    `insert into lawmaking_expert_profiles (user_id, public_name, organisation, credentials, fields, status, created_at, updated_at)
     select id, full_name, 'Кубанский университет, кафедра ' || id, 'Доктор юридических наук', '["social"]', 'verified', now(), now() from users where role = 'expert'`
  )
  await db.rawQuery(
    `insert into lawmaking_public_invitations (key, field, due_on, status, answered_at, created_at, draft_id, expert_id)
     select gen_random_uuid(), 'social', current_date, 'concluded', now(), now(), :draft, id from lawmaking_expert_profiles`,
    { draft: draft.id }
  )
  await db.rawQuery(
    `insert into lawmaking_conclusions (invitation_id, draft_id, version_number, verdict, summary, file_key, file_name, file_mime, file_size, filed_at)
     select id, :draft, 4, 'supported_with_remarks', 'Проект поддерживается при условии учёта замечаний.', 'tenants/bench/conclusion.pdf', 'conclusion.pdf', 'application/pdf', 1000, now() - interval '5 days'
       from lawmaking_public_invitations where draft_id = :draft`,
    { draft: draft.id }
  )
  await db.rawQuery(
    `with clauses as (select array_agg(c.clause_key order by c.position) as keys
                        from lawmaking_public_clauses c join lawmaking_public_versions v on v.id = c.version_id
                       where v.draft_id = :draft and v.number = 4)
     insert into lawmaking_conclusion_remarks (conclusion_id, clause_key, text, proposed_wording, decision, decision_reason, decided_at)
     select c.id, clauses.keys[1 + (c.id * 4 + k * 131) % array_length(clauses.keys, 1)],
            'Замечание эксперта ' || k || ': уточнить порядок предоставления поддержки.', 'Изложить в редакции, определяющей сроки.',
            (array['accepted', 'rejected'])[1 + k % 2], case when k % 2 = 1 then 'Противоречит федеральному законодательству.' end, now() - interval '1 day'
       from lawmaking_conclusions c, generate_series(1, 4) k, clauses where c.draft_id = :draft`,
    { draft: draft.id }
  )
  await db.rawQuery(`update lawmaking_public_drafts set remarks_count = (select count(*) from lawmaking_remarks where parent_id is null) where id = ?`, [draft.id])
  // as autovacuum leaves a table that settled: statistics, and a visibility map for index-only counts
  await analyzeTables(db, ['lawmaking_remarks', 'lawmaking_conclusions', 'lawmaking_conclusion_remarks', 'lawmaking_remark_counts', 'lawmaking_public_clauses', 'lawmaking_events', 'users', 'problem_citizens'], { vacuum: true })
  // the clause of the current version with the most remarks (for the clause page)
  const busiest = await db
    .from('lawmaking_remarks as r')
    .join('lawmaking_public_clauses as c', 'c.clause_key', 'r.clause_key')
    .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
    .where('v.draft_id', draft.id)
    .where('v.number', VERSIONS)
    .groupBy('r.clause_key')
    .select('r.clause_key')
    .count('* as total')
    .orderBy('total', 'desc')
    .first()
  return { draftId: draft.id as number, clauseKey: busiest.clause_key as string, clauseRemarks: Number(busiest.total) }
})
console.log(`seeded ${REMARKS} remarks on version 4 and ${Math.round(REMARKS / 10)} on version 3 (with replies), ${CONCLUSIONS} experts' conclusions on version 4 (${CONCLUSIONS * 4} remarks) in ${secondsSince(started).toFixed(1)} s`)

// ---- the summary of proposals, in process
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const fileMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const gc = () => (globalThis as { gc?: () => void }).gc?.()

interface SummaryRun {
  seconds: Latency
  bytes: number
  rssBefore: number
  rssPeak: number
  rssAfter: number
  heapBefore: number
  heapAfter: number
}

async function measureSummary(version: number, format: 'xlsx' | 'pdf'): Promise<SummaryRun> {
  return tenantScope.run(portal, async () => {
    const i18n = i18nManager.locale('ru')
    const summary = (await summaryOfProposals(ids.draftId, version))!
    gc()
    const rssBefore = process.memoryUsage().rss
    const heapBefore = process.memoryUsage().heapUsed
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20)
    let bytes = 0
    const timings: number[] = []
    for (let run = 0; run < SUMMARY_RUNS; run++) {
      bytes = 0
      // a reader that takes every chunk at once: the generator's own speed and memory
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length
          callback()
        },
      })
      const begin = performance.now()
      await (format === 'xlsx' ? writeSummaryXlsx(summary, sink, i18n) : writeSummaryPdf(summary, sink, i18n))
      timings.push((performance.now() - begin) / 1000)
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }
    clearInterval(sampler)
    gc()
    return {
      seconds: { p50: percentile(timings, 50), p95: percentile(timings, 95) },
      bytes,
      rssBefore,
      rssPeak,
      rssAfter: process.memoryUsage().rss,
      heapBefore,
      heapAfter: process.memoryUsage().heapUsed,
    }
  })
}

const summaryResults: [string, number, SummaryRun][] = []
for (const format of SUMMARY_FORMATS) {
  // the small one first: memory must not grow from it to the large one
  summaryResults.push([`summary ${format.toUpperCase()}, version 3`, Math.round(REMARKS / 10), await measureSummary(3, format)])
  summaryResults.push([`summary ${format.toUpperCase()}, version 4`, REMARKS, await measureSummary(4, format)])
}

// ---- the redline between versions 4 and 5, in process
const [older, newer] = await tenantScope.run(portal, () =>
  Promise.all(
    [4, 5].map((number) =>
      tenantDb()
        .from('lawmaking_public_clauses as c')
        .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
        .where('v.draft_id', ids.draftId)
        .where('v.number', number)
        .orderBy('c.position')
        .select('c.clause_key as key', 'c.label', 'c.depth', 'c.text')
    )
  )
)
const baseline = await timeRuns(REDLINE_RUNS, 5, async () => JSON.parse(JSON.stringify([older, newer])))
let counts = redline(older, newer).counts
const redlineLatency = await timeRuns(REDLINE_RUNS, 5, async () => (counts = redline(older, newer).counts))
const sameLatency = await timeRuns(REDLINE_RUNS, 5, async () => redline(newer, newer))
await app.terminate()

console.log('')
console.log(`Krai law-making benchmark (draft of ${older.length} → ${newer.length} clauses in ${VERSIONS} versions; load average ${loadAverage()})`)
console.log(`  summary of proposals, ${SUMMARY_RUNS} runs each, written to a stream (target < ${SUMMARY_TARGET_S} s; memory flat):`)
for (const [name, remarks, result] of summaryResults) {
  const verdict = remarks === REMARKS ? `  (target < ${SUMMARY_TARGET_S} s: ${result.seconds.p95 < SUMMARY_TARGET_S ? 'ok' : 'MISSED'})` : ''
  console.log(
    `    ${`${name} (${remarks} remarks)`.padEnd(44)} p50 ${result.seconds.p50.toFixed(2)} s, p95 ${result.seconds.p95.toFixed(2)} s, ${fileMb(result.bytes)} file;` +
      ` RSS ${mb(result.rssBefore)} → peak ${mb(result.rssPeak)} (+${mb(result.rssPeak - result.rssBefore)}) → ${mb(result.rssAfter)};` +
      ` heap ${mb(result.heapBefore)} → ${mb(result.heapAfter)}${verdict}`
  )
}
console.log(`  peak RSS of the whole process: ${mb(process.resourceUsage().maxRSS * 1024)}${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for heap after a collection)'}`)
console.log(`  redline 4 → 5, ${REDLINE_RUNS} runs (${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.unchanged} unchanged):`)
console.log(`    ${'baseline: JSON round trip of both versions'.padEnd(44)} ${formatLatency(baseline)}`)
console.log(`    ${'redline of a version against itself'.padEnd(44)} ${formatLatency(sameLatency)}`)
console.log(`    ${'redline 4 → 5 (word diff of changed clauses)'.padEnd(44)} ${formatLatency(redlineLatency)}  (${p95Verdict(redlineLatency, PAGE_TARGET_MS)}: the page must fit in it)`)

// ---- pages over HTTP, when they exist
if (HTTP) {
  console.log('')
  console.log(`  === pages over HTTP (production server, ${SAMPLES} sequential requests each; target p95 < ${PAGE_TARGET_MS} ms) ===`)
  const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
  try {
    await waitForServer(PORT)
    const host = 'portal.localhost'
    const pages: [string, string][] = [
      ['draft page', `/lawmaking/drafts/${ids.draftId}`],
      [`clause with its remarks (${ids.clauseRemarks})`, `/lawmaking/drafts/${ids.draftId}/clauses/${ids.clauseKey}`],
      ['redline 4 → 5', `/lawmaking/drafts/${ids.draftId}/redline?from=4&to=5`],
    ]
    console.log(`    ${'bare route (baseline)'.padEnd(44)} ${formatLatency(await measurePage(PORT, { host, path: '/__bench/bare', samples: SAMPLES }))}`)
    for (const [name, path] of pages) {
      const probe = await request(PORT, { host, path })
      if (probe.status !== 200) {
        console.log(`    ${name.padEnd(44)} not available yet (${path} answered ${probe.status})`)
        continue
      }
      const result = await measurePage(PORT, { host, path, samples: SAMPLES })
      console.log(`    ${name.padEnd(44)} ${formatLatency(result)}  (${p95Verdict(result, PAGE_TARGET_MS)})`)
    }
  } finally {
    server.kill('SIGTERM')
  }
}
console.log(`load average at the end: ${loadAverage()}`)
