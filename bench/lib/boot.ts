import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import type { ApplicationService } from '@adonisjs/core/types'

const APP_ROOT = new URL('../../', import.meta.url)

/**
 * Boots the application in this process (console environment, like Ace)
 * so a benchmark can call the same code the commands call.
 */
export async function bootApp(): Promise<ApplicationService> {
  const ignitor = new Ignitor(APP_ROOT, {
    importer: (filePath) =>
      filePath.startsWith('./') || filePath.startsWith('../') ? import(new URL(filePath, APP_ROOT).href) : import(filePath),
  })
  const app = ignitor.createApp('console')
  app.booting(async () => {
    await import('#start/env')
  })
  await app.init()
  await app.boot()
  await app.start(() => {})
  return app as ApplicationService
}

/**
 * Boots the app on the benchmark's database after dropping it (and its
 * tenant roles) and applying central migrations: every run starts empty.
 */
export async function bootOnFreshDatabase() {
  const app = await bootApp()
  const { settings } = await import('#core/settings')
  const { rolePrefix } = await import('#tenancy/naming')
  const { dropDatabaseAndRoles } = await import('#core/database_bootstrap')
  const { prepareCentralDatabase } = await import('#core/prepare_database')
  const db = (await import('@adonisjs/lucid/services/db')).default
  await db.manager.closeAll()
  await dropDatabaseAndRoles(settings.database.name, rolePrefix())
  await prepareCentralDatabase()
  return app
}

/**
 * The start every server benchmark shares: its own database
 * (`BENCH_DB_DATABASE` or `database`), the load average printed, PostgreSQL
 * and Redis checked, the production build (unless `BENCH_BUILD=0`), then the
 * app booted on that database dropped and migrated afresh.
 */
export async function startBench(database: string) {
  process.env.DB_DATABASE = process.env.BENCH_DB_DATABASE || database
  const { loadAverage } = await import('./measure.js')
  const { ensureServicesOrExit } = await import('../../app/core/preflight.js')
  const { buildApp } = await import('./build.js')
  console.log(`load average (1 / 5 / 15 min) at start: ${loadAverage()}`)
  await ensureServicesOrExit()
  if (process.env.BENCH_BUILD !== '0') buildApp()
  return bootOnFreshDatabase()
}
