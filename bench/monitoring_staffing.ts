/*
|--------------------------------------------------------------------------
| Staffing monitoring benchmark
|--------------------------------------------------------------------------
|
| npm run bench:monitoring:staffing   (BENCH_DB_DATABASE=krai_bench_<you>)
|
| On its own database (recreated): one block with BENCH_DEPARTMENTS
| departments (default 80), each with BENCH_POSITIONS position rows of
| history (default 5 000; a fifth in force, the rest closed), staff on
| them (holders, acting, vacancies, departures of the last years) and a
| year of monthly snapshots, seeded with set-based SQL. Prints p50/p95 of
| the staffing dashboard (the head: every department; a department's
| executor: one) against a bare route of the same stack in the same run.
| Target: dashboard p95 < 100 ms.
|
*/

import './lib/environment.js'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { bootOnFreshDatabase } from './lib/boot.js'
import { buildApp, startServer } from './lib/build.js'
import { signIn, waitForServer } from './lib/http.js'
import { percentile } from './lib/percentiles.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, type Latency } from './lib/measure.js'
import { analyzeTables } from './lib/analyze.js'

const PORT = Number(process.env.BENCH_PORT || 3392)
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS || 80)
const POSITIONS = Number(process.env.BENCH_POSITIONS || 5000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const PASSWORD = process.env.DEMO_PASSWORD!

await ensureServicesOrExit()
buildApp()

const app = await bootOnFreshDatabase()
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const User = (await import('#modules/identity/models/user')).default

const tenant = await tenantProvisioner.create({ slug: 'staffbench', kind: 'block', nameRu: 'Кадры замер', nameEn: 'Staffing bench' })
let started = performance.now()
await tenantScope.run(tenant, async () => {
  const client = tenantDb()
  await client.rawQuery(
    `insert into departments (code, name_ru, name_en, is_active, created_at, updated_at)
     select 'd' || g, 'Департамент № ' || g, 'Department ' || g, true, now(), now() from generate_series(1, ?) g`,
    [DEPARTMENTS]
  )
  const first = await client.from('departments').where('code', 'd1').firstOrFail()
  await User.create({ email: 'head@staffbench.test', fullName: 'Руководитель', role: 'head', password: PASSWORD, status: 'active' })
  await User.create({ email: 'staff@staffbench.test', fullName: 'Сотрудник', role: 'executor', departmentId: first.id, password: PASSWORD, status: 'active' })

  // Positions: per department g = 1..POSITIONS; the last fifth in force, the others closed over the past
  // years; the last four rows are the head, two deputies and the chief accountant; of the positions in
  // force every 20th is vacant, every 25th has someone acting.
  await client.rawQuery(
    `insert into staffing_positions (department_id, title, category, approved_fte, key_post, effective_from, effective_to,
                                     actual_fte, status, vacant_since, acting_since, created_at, updated_at)
     select d.id,
            case p.top when 0 then 'Руководитель' when 1 then 'Заместитель руководителя' when 2 then 'Заместитель руководителя'
                        when 3 then 'Главный бухгалтер' else 'Специалист ' || (p.g % 40) end,
            'ведущая', 1,
            case p.top when 0 then 'head' when 1 then 'deputy' when 2 then 'deputy' when 3 then 'chief_accountant' end,
            current_date - 3000 + p.g % 500, case when p.current then null else current_date - (p.g % 2400) - 1 end,
            case when p.current and p.g % 20 <> 0 and p.g % 25 <> 0 then 1 else 0 end,
            case when not p.current then 'filled' when p.g % 20 = 0 then 'vacant' when p.g % 25 = 0 then 'acting' else 'filled' end,
            case when p.current and (p.g % 20 = 0 or p.g % 25 = 0) then current_date - (p.g % 200) end,
            case when p.current and p.g % 25 = 0 and p.g % 20 <> 0 then current_date - (p.g % 150) end,
            now(), now()
       from departments d
      cross join lateral (select g, g > ? * 4 / 5 as current, ? - g as top from generate_series(1, ?) g) p`,
    [POSITIONS, POSITIONS, POSITIONS]
  )
  // Staff: the holder of every filled position in force, the acting person, and for every position
  // (in force or not) one earlier holder who left at some point of the last three years.
  await client.rawQuery(
    `insert into staffing_staff (position_id, department_id, person_name, status, rate, since, ended_on, created_at, updated_at)
     select id, department_id, 'Сотрудник ' || id, case when status = 'acting' then 'acting' else 'filled' end, 1,
            current_date - 400, null, now(), now()
       from staffing_positions where effective_to is null and status in ('filled', 'acting')
     union all
     select id, department_id, 'Бывший сотрудник ' || id, 'filled', 1, current_date - 2000, current_date - (id % 1100), now(), now()
       from staffing_positions`
  )
  await client.rawQuery(
    `insert into staffing_snapshots (month, department_id, approved_fte, actual_fte, vacant_fte, computed_at)
     select (date_trunc('month', current_date) - make_interval(months => m))::date, d.id, 1000, 900 + m, 100 - m, now()
       from departments d cross join generate_series(1, 11) m`
  )
  await analyzeTables(client, ['staffing_positions', 'staffing_staff', 'staffing_snapshots', 'departments'])
  const counts = await client.rawQuery(
    `select (select count(*) from staffing_positions) as positions, (select count(*) from staffing_positions where effective_to is null) as current,
            (select count(*) from staffing_staff) as staff`
  )
  console.log(`seeded ${DEPARTMENTS} departments: ${counts.rows[0].positions} positions (${counts.rows[0].current} in force), ${counts.rows[0].staff} staff rows in ${secondsSince(started).toFixed(1)} s`)
})
// The first dashboard after a change computes the figures from the tables (then they are cached).
const cold: number[] = []
await tenantScope.run(tenant, async () => {
  const { staffingOverview } = await import('#modules/staffing/services/overview')
  const { staffingChanged } = await import('#modules/staffing/services/figures_cache')
  const departments = (await tenantDb().from('departments').select('id', 'name_ru')).map((row: any) => ({ id: row.id, name: row.name_ru }))
  for (let index = 0; index < 12; index++) {
    await staffingChanged()
    const begin = performance.now()
    await staffingOverview(departments, true)
    if (index >= 2) cold.push(performance.now() - begin)
  }
})
await app.terminate()

const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1' })
try {
  await waitForServer(PORT)
  const host = 'staffbench.localhost'
  const measure = (path: string, cookie: string) => measurePage(PORT, { host, path, cookie, samples: SAMPLES })
  const head = await signIn(PORT, host, 'head@staffbench.test', PASSWORD)
  const staff = await signIn(PORT, host, 'staff@staffbench.test', PASSWORD)
  const results: Record<string, Latency> = {
    'bare route (same stack, signed in)': await measure('/__bench/bare', head),
    [`staffing dashboard (head, ${DEPARTMENTS} departments)`]: await measure('/staffing', head),
    'staffing dashboard (department executor)': await measure('/staffing', staff),
    'public dataset (JSON)': await measure('/staffing/public.json', ''),
  }
  console.log('')
  console.log(`  (first dashboard after a change, figures computed from the tables in process: p50 ${percentile(cold, 50).toFixed(1)} ms, max ${Math.max(...cold).toFixed(1)} ms)`)
  console.log(`Krai staffing benchmark (${DEPARTMENTS} departments × ${POSITIONS} positions of history, ${SAMPLES} sequential requests each)`)
  const bare = results['bare route (same stack, signed in)']
  for (const [name, result] of Object.entries(results)) {
    const target = name.startsWith('staffing dashboard') ? `  (${p95Verdict(result, 100)}; bare + ${(result.p95 - bare.p95).toFixed(1)} ms)` : ''
    console.log(`  ${name.padEnd(44)} ${formatLatency(result)}${target}`)
  }
} finally {
  server.kill('SIGTERM')
}
