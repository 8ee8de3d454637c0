import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { settings } from '#core/settings'
import { ensureDatabaseExists } from '#core/database_bootstrap'
import { ensurePlatformRoles } from '#tenancy/tenant_roles'
import { ensureBusRole } from '#bus/bus_role'

/**
 * Creates the database when missing, applies central migrations and makes
 * sure the platform roles exist (the runtime pool logs in as one of them).
 * Returns whether the database was created.
 */
export async function prepareCentralDatabase() {
  const created = await ensureDatabaseExists(settings.database.name)
  const runner = new MigrationRunner(db, app, { direction: 'up', connectionName: 'central' })
  await runner.run()
  if (runner.error) throw runner.error
  await ensurePlatformRoles()
  await ensureBusRole()
  return { created, applied: Object.keys(runner.migratedFiles).length }
}
