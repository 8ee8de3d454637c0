import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { secondsSince } from './measure.js'
import { seedBlock } from './seed_block.js'
import { seedPlannerItems } from './seed_planner.js'
import { seedProblems } from './seed_problems.js'
import { analyzeTables } from './analyze.js'

/** What bench:load seeds; a database holding exactly this is reused with BENCH_REUSE=1. */
export interface RegionScale {
  /** orders per block tenant */
  orders: number
  /** staff (executors who can sign in) per block tenant */
  staff: number
  /** municipal tenants provisioned (the catalog's first ones) */
  municipalities: number
  /** orders and staff per municipal tenant and in the control tenant */
  municipalOrders: number
  municipalStaff: number
  /** problems in the portal, by `citizens` citizens who can sign in */
  problems: number
  citizens: number
  /** planner items spread over the blocks' people */
  plannerItems: number
}

const MARKER_TABLE = 'bench_load_scale'
const DEMO_CATALOG_PATH = fileURLToPath(new URL('../../tenants/catalog', import.meta.url))

/** The scale the database was last seeded at (null when none or not seeded to the end). */
export async function seededScale(): Promise<RegionScale | null> {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const present = await db.rawQuery(`select to_regclass('public.${MARKER_TABLE}') is not null as present`)
  if (!present.rows[0].present) return null
  const row = (await db.rawQuery(`select scale from ${MARKER_TABLE} limit 1`)).rows[0]
  return row ? (row.scale as RegionScale) : null
}

export function sameScale(a: RegionScale | null, b: RegionScale) {
  return !!a && (Object.keys(b) as (keyof RegionScale)[]).every((key) => a[key] === b[key])
}

/** The demo catalog with only its first `count` municipalities (a temporary copy when fewer than all). */
function catalogWith(count: number) {
  const lines = readFileSync(join(DEMO_CATALOG_PATH, 'municipalities.csv'), 'utf8').trim().split(/\r?\n/)
  if (count >= lines.length - 1) return undefined
  const directory = mkdtempSync(join(tmpdir(), 'krai-bench-catalog-'))
  cpSync(DEMO_CATALOG_PATH, directory, { recursive: true })
  writeFileSync(join(directory, 'municipalities.csv'), lines.slice(0, count + 1).join('\n') + '\n')
  return directory
}

/**
 * Provisions the demo region (blocks, control, portal, `scale.municipalities`
 * municipal tenants, demo accounts with `password`) on the freshly created
 * database and seeds it in SQL at `scale`: orders with executors and reports
 * and staff in every block (bench/lib/seed_block.ts) and, fewer, in every
 * municipality and the control tenant; problems in the portal; planner
 * items over the blocks' people; then builds the rollup. Records the scale
 * last, so an interrupted seeding is never reused.
 */
export async function seedRegion(scale: RegionScale, password: string, log: (line: string) => void) {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const hash = (await import('@adonisjs/core/services/hash')).default
  const { provisionCatalog } = await import('#tenants/provision_catalog')
  const { tenantRegistry } = await import('#tenancy/tenant_registry')
  const { tenantScope } = await import('#tenancy/tenant_scope')
  const { tenantDb } = await import('#tenancy/tenant_model')
  const { rollupBuilder } = await import('#tenancy/rollup')

  let started = performance.now()
  await provisionCatalog(catalogWith(scale.municipalities), { demoPassword: password })
  const tenants = await tenantRegistry.all()
  log(`provisioned ${tenants.length} tenants in ${secondsSince(started).toFixed(1)} s`)
  const passwordHash = await hash.make(password)

  const blocks = tenants.filter((tenant) => tenant.kind === 'block')
  started = performance.now()
  for (const block of blocks) {
    await tenantScope.run(block, async () => {
      await seedBlock(tenantDb(), scale.orders, scale.staff, passwordHash)
      // every user of the block plans: items spread over all of them
      await seedPlannerItems(tenantDb(), 'u.ids[1 + (g % array_length(u.ids, 1))]', Math.ceil(scale.plannerItems / blocks.length), 104729)
      await analyzeTables(tenantDb(), ['planner_items'])
    })
  }
  log(`seeded ${blocks.length} blocks × (${scale.orders} orders, ${scale.staff} staff, ${Math.ceil(scale.plannerItems / blocks.length)} planner items) in ${secondsSince(started).toFixed(1)} s`)

  started = performance.now()
  const bodies = tenants.filter((tenant) => tenant.kind === 'municipality' || tenant.kind === 'control')
  for (const body of bodies) {
    await tenantScope.run(body, () => seedBlock(tenantDb(), scale.municipalOrders, scale.municipalStaff, passwordHash))
  }
  log(`seeded ${bodies.length} municipal and control tenants × (${scale.municipalOrders} orders, ${scale.municipalStaff} staff) in ${secondsSince(started).toFixed(1)} s`)

  started = performance.now()
  const portal = tenants.find((tenant) => tenant.kind === 'portal')!
  await tenantScope.run(portal, async () => {
    const portalDb = tenantDb()
    await portalDb.rawQuery(
      `insert into users (email, full_name, password, role, status, created_at, updated_at)
       select 'citizen' || g || '@portal.bench', 'Гражданин ' || g, ?, 'citizen', 'active', now(), now() from generate_series(1, ?) g`,
      [passwordHash, scale.citizens]
    )
    const author = await portalDb.from('users').where('email', 'citizen1@portal.bench').firstOrFail()
    await seedProblems(portalDb, scale.problems, author.id)
  })
  log(`seeded ${scale.problems} problems and ${scale.citizens} citizens in the portal in ${secondsSince(started).toFixed(1)} s`)

  started = performance.now()
  await rollupBuilder.rebuild()
  await rollupBuilder.refresh()
  log(`built the rollup in ${secondsSince(started).toFixed(1)} s`)

  // statistics for every table (the seeders analyze theirs; this covers what provisioning filled)
  await db.rawQuery('analyze')
  await db.rawQuery(`create table if not exists ${MARKER_TABLE} (scale jsonb not null)`)
  await db.rawQuery(`delete from ${MARKER_TABLE}`)
  await db.rawQuery(`insert into ${MARKER_TABLE} (scale) values (?)`, [JSON.stringify(scale)])
}
