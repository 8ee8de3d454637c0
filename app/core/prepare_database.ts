import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { settings } from '#core/settings'
import { ensureDatabaseExists } from '#core/database_bootstrap'

/**
 * Creates the database when missing and applies central migrations.
 * Returns whether the database was created.
 */
export async function prepareCentralDatabase() {
  const created = await ensureDatabaseExists(settings.database.name)
  const runner = new MigrationRunner(db, app, { direction: 'up', connectionName: 'central' })
  await runner.run()
  if (runner.error) throw runner.error
  return { created, applied: Object.keys(runner.migratedFiles).length }
}
