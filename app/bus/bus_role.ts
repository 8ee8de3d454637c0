import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import { busRoleName, runtimeLoginName } from '#tenancy/naming'
import { ensureIdentityConnection } from '#tenancy/tenant_connections'
import { createRoleIfMissing } from '#tenancy/tenant_roles'

/**
 * The dedicated database role of the bus relay. It may INSERT and SELECT the
 * bus_inbox table of every tenant schema and nothing else: not the outboxes,
 * not a single business table, not the central registry. Its name carries the
 * database name (app/tenancy/naming.ts), so dev and test databases on one
 * server never share it.
 */

const quote = pg.escapeIdentifier
export const BUS_CONNECTION = 'bus'

/** Creates the bus role when missing (idempotent, safe from two processes). */
export async function ensureBusRole() {
  const role = busRoleName()
  await createRoleIfMissing(role, 'nologin noinherit')
  await db.rawQuery(`grant ${quote(role)} to ${quote(runtimeLoginName())}`)
}

/**
 * Lets the bus role reach the tenant's inbox (and only it). Called by the
 * provisioner after every create and migrate; a schema without the bus tables
 * yet is left alone.
 */
export async function grantBusAccess(tenant: { schemaName: string }) {
  await ensureBusRole()
  const found = await db.rawQuery('select to_regclass(?) as inbox', [`${quote(tenant.schemaName)}.bus_inbox`])
  if (!found.rows[0].inbox) return false
  const role = quote(busRoleName())
  const schema = quote(tenant.schemaName)
  await db.rawQuery(`grant usage on schema ${schema} to ${role}`)
  await db.rawQuery(`grant select, insert on ${schema}.bus_inbox to ${role}`)
  return true
}

/**
 * The query client running as the bus role. Every statement names the
 * schema explicitly; nothing is on its search path.
 */
export function busDb() {
  return db.connection(ensureIdentityConnection(BUS_CONNECTION, 'runtime', { role: busRoleName(), searchPath: 'pg_catalog' }))
}
