/*
|--------------------------------------------------------------------------
| Imports benchmark
|--------------------------------------------------------------------------
|
| npm run bench:imports
|
| On its own database (BENCH_DB_DATABASE, default krai_bench_imports): a
| block with 10 departments and a second block, "another tenant". Builds a
| staffing positions file of BENCH_ROWS rows (default 50 000) as XLSX and
| imports it with the code a background job runs (streamed reader, checks,
| one transaction), while the other tenant's page query runs every 25 ms.
| Prints time, peak RSS and the event-loop delay the other tenant sees
| (p50/p99, target p99 < 200 ms), against a baseline in the same run: the
| whole-workbook ExcelJS load the imports used before, on the same file
| and on a 200 KB zip bomb (which the new reader refuses unread).
|
*/

process.env.BENCH_DB_DATABASE ||= 'krai_bench_imports'
import './lib/environment.js'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { writeFile, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { percentile } from './lib/percentiles.js'
import { secondsSince } from './lib/measure.js'

const ROWS = Number(process.env.BENCH_ROWS || 50_000)
const TARGET_P99_MS = 200

await ensureServicesOrExit()
const app = await bootOnFreshDatabase()
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const i18nManager = (await import('@adonisjs/i18n/services/main')).default
const { ImportStaffing } = await import('#modules/staffing/actions/import_staffing')
const { openTable } = await import('#core/uploads/table_reader')
const User = (await import('#modules/identity/models/user')).default
const { bombXlsx } = await import('#tests/helpers/uploads')

const block = await tenantProvisioner.create({ slug: 'imports', kind: 'block', nameRu: 'Блок импорта', nameEn: 'Import block' })
const other = await tenantProvisioner.create({ slug: 'neighbour', kind: 'block', nameRu: 'Соседний блок', nameEn: 'Neighbour block' })
const actor = await tenantScope.run(block, async () => {
  await tenantDb().table('departments').multiInsert(Array.from({ length: 10 }, (_, index) => ({ code: `d${index}`, name_ru: `Департамент ${index}`, name_en: `Department ${index}`, is_active: true, created_at: new Date(), updated_at: new Date() })))
  return User.create({ email: 'head@imports.bench', fullName: 'Руководитель', role: 'head', status: 'active' } as any)
})

// the file: ROWS positions over 10 departments, written with ExcelJS's streaming writer
const path = join(tmpdir(), `krai-bench-imports-${process.pid}.xlsx`)
let started = performance.now()
const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true })
const sheet = writer.addWorksheet('Штат')
sheet.addRow(['Подразделение', 'Должность', 'Категория (разряд)', 'Штатная численность (ставок)', 'Ключевая должность', 'Действует с']).commit()
for (let index = 1; index <= ROWS; index++) sheet.addRow([`d${index % 10}`, `Должность № ${index}`, 'ведущая', 1 + (index % 3), '', '2024-01-01']).commit()
sheet.commit()
await writer.commit()
const size = (await readFile(path)).length
console.log(`built a ${ROWS}-row XLSX (${(size / 1024 / 1024).toFixed(1)} MB) in ${secondsSince(started).toFixed(1)} s`)

/** Runs `work` while another tenant's page query runs every 25 ms; the loop delay and those queries' latency. */
async function underLoad(work: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  const latencies: number[] = []
  let running = true
  const neighbour = (async () => {
    while (running) {
      const begin = performance.now()
      await tenantScope.run(other, () => tenantDb().from('departments').select('id', 'code').limit(20))
      latencies.push(performance.now() - begin)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })()
  histogram.enable()
  const begin = performance.now()
  let outcome: unknown
  try {
    outcome = await work()
  } catch (error) {
    outcome = error
  }
  const seconds = secondsSince(begin)
  histogram.disable()
  running = false
  await neighbour
  const ms = (ns: number) => ns / 1e6
  return {
    seconds,
    outcome,
    loopP50: ms(histogram.percentile(50)),
    loopP99: ms(histogram.percentile(99)),
    loopMax: ms(histogram.max),
    pageP50: percentile(latencies, 50),
    pageP99: percentile(latencies, 99),
    rssMb: process.resourceUsage().maxRSS / 1024,
  }
}

const i18n = i18nManager.locale('ru')
const options = (validOnly: boolean) => ({ validOnly, i18n, manageable: () => true })
const results: [string, Awaited<ReturnType<typeof underLoad>>][] = []
// each figure is printed as soon as it is measured (the write phase of 50 000 rows takes minutes)
const push = results.push.bind(results)
results.push = (...entries) => {
  for (const [name, r] of entries) console.log(`measured: ${name}: ${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB, other tenant p99 ${r.pageP99.toFixed(1)} ms, loop p99 ${r.loopP99.toFixed(0)} ms`)
  return push(...entries)
}

results.push(['idle (no import)', await underLoad(() => new Promise((resolve) => setTimeout(resolve, 2000)))])
results.push([
  `new: read + check ${ROWS} rows (streamed)`,
  await underLoad(async () => {
    const table = await openTable({ path, extname: 'xlsx' })
    let rows = 0
    for await (const _row of table.rows) rows++
    return rows
  }),
])
results.push([`new: import ${ROWS} rows (check + write)`, await tenantScope.run(block, () => underLoad(() => new ImportStaffing().handle('positions', { path, extname: 'xlsx' }, actor, options(false))))])
const bombPath = join(tmpdir(), `krai-bench-bomb-${process.pid}.xlsx`)
await writeFile(bombPath, bombXlsx())
results.push(['new: 200 KB zip bomb (refused unread)', await underLoad(() => openTable({ path: bombPath, extname: 'xlsx' }))])
// baseline: what every import did before — the whole workbook loaded in memory at once
results.push([`old: ExcelJS load of the ${ROWS}-row file`, await underLoad(async () => new ExcelJS.Workbook().xlsx.load((await readFile(path)) as any))])
results.push(['old: ExcelJS load of the zip bomb', await underLoad(async () => new ExcelJS.Workbook().xlsx.load((await readFile(bombPath)) as any))])

const imported = await tenantScope.run(block, async () => Number((await tenantDb().from('staffing_positions').count('* as n'))[0].n))
console.log('')
console.log(`Krai imports benchmark (${ROWS} rows; ${imported} positions written; the other tenant's query every 25 ms; peak RSS is the process maximum so far)`)
for (const [name, r] of results) {
  const note = r.outcome instanceof Error ? ` [${r.outcome.message}]` : ''
  console.log(
    `  ${name.padEnd(44)} ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${r.rssMb.toFixed(0).padStart(5)} MB  ` +
      `loop delay p50 ${r.loopP50.toFixed(0)} ms p99 ${r.loopP99.toFixed(0)} ms max ${r.loopMax.toFixed(0)} ms  ` +
      `other tenant p50 ${r.pageP50.toFixed(1)} ms p99 ${r.pageP99.toFixed(1)} ms${name.startsWith('new') ? `  (target p99 < ${TARGET_P99_MS} ms: ${r.pageP99 < TARGET_P99_MS ? 'ok' : 'MISSED'})` : ''}${note}`
  )
}
await rm(path, { force: true })
await rm(bombPath, { force: true })
await app.terminate()
