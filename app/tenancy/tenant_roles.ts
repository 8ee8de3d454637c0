import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { settings } from '#core/settings'
import { errors } from '#core/errors'
import { ownerRoleNameFor, roleNameFor, runtimeLoginName, schemaNameFor } from '#tenancy/naming'

/**
 * Database roles of the platform. Owners are not users:
 *
 * - per tenant, an owner role (NOLOGIN) owns the schema and every object in
 *   it; only the provisioner and migrations act as it;
 * - per tenant, a runtime role (NOLOGIN) that requests and jobs switch to:
 *   USAGE on its schema and row privileges on its tables, nothing more;
 * - the runtime login (`<database>__app`): the pools' login, with no
 *   privileges of its own, allowed only to switch to runtime roles.
 *
 * An owner may create triggers and row-level security policies that run as
 * whoever touches the table next (the bus role, the rollup reader), so no
 * role that runs a query for a tenant may own anything.
 */

const quote = pg.escapeIdentifier

/** Tables of Lucid's migration bookkeeping: the owner's business, not the runtime's. */
const BOOKKEEPING_TABLES = ['adonis_schema', 'adonis_schema_versions']

/** Creates a role unless it exists; safe when two processes race. */
export async function createRoleIfMissing(role: string, attributes: string, client: QueryClientContract = db.connection()) {
  await client.rawQuery(
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = ${pg.escapeLiteral(role)}) then
         create role ${quote(role)} ${attributes};
       end if;
     exception when duplicate_object or unique_violation then null;
     end $$`
  )
}

/**
 * The runtime login and the database-wide defaults every runtime role relies
 * on: no temporary objects (they would shadow tables for the next user of a
 * connection) and no CREATE in `public`. Idempotent.
 */
export async function ensurePlatformRoles() {
  const login = runtimeLoginName()
  await createRoleIfMissing(login, 'login noinherit nocreatedb nocreaterole')
  const password = settings.database.runtimePassword
  if (password) await db.rawQuery(`alter role ${quote(login)} password ${pg.escapeLiteral(password)}`)
  const database = quote(settings.database.name)
  await db.rawQuery(`revoke temporary on database ${database} from public`)
  await db.rawQuery(`grant temporary on database ${database} to current_user`)
  await db.rawQuery('revoke create on schema public from public')
}

/** The tenant's owner and runtime roles, each created unless present (see `assertNoLeftovers`). */
export async function ensureTenantRoles(slug: string) {
  const owner = ownerRoleNameFor(slug)
  const runtime = roleNameFor(slug)
  await createRoleIfMissing(owner, 'nologin noinherit')
  await createRoleIfMissing(runtime, 'nologin noinherit')
  // The provisioner acts as the owner (SET ROLE for migrations, REASSIGN OWNED on conversion).
  await db.rawQuery(`grant ${quote(owner)} to current_user`)
  await db.rawQuery(`grant ${quote(runtime)} to ${quote(runtimeLoginName())}`)
}

/**
 * Gives the schema to the owner role and the runtime role exactly row
 * privileges, now and for whatever later migrations create (default
 * privileges). Idempotent; also converts a schema created when the runtime
 * role owned everything.
 */
export async function secureTenantSchema(slug: string, options: { rolesReady?: boolean } = {}) {
  const owner = quote(ownerRoleNameFor(slug))
  const runtime = quote(roleNameFor(slug))
  const schema = quote(schemaNameFor(slug))
  if (!options.rolesReady) await ensureTenantRoles(slug)
  await db.transaction(async (trx) => {
    await trx.rawQuery(`reassign owned by ${runtime} to ${owner}`)
    await trx.rawQuery(`alter schema ${schema} owner to ${owner}`)
    await trx.rawQuery(`revoke all on schema ${schema} from public, ${runtime}`)
    await trx.rawQuery(`grant usage on schema ${schema} to ${runtime}`)
    await trx.rawQuery(`grant select, insert, update, delete on all tables in schema ${schema} to ${runtime}`)
    await trx.rawQuery(`grant usage, select on all sequences in schema ${schema} to ${runtime}`)
    await trx.rawQuery(
      `alter default privileges for role ${owner} in schema ${schema} grant select, insert, update, delete on tables to ${runtime}`
    )
    await trx.rawQuery(`alter default privileges for role ${owner} in schema ${schema} grant usage, select on sequences to ${runtime}`)
    await revokeBookkeeping(slug, trx)
  })
}

/** Takes Lucid's migration bookkeeping away from the runtime role (default privileges granted it). */
export async function revokeBookkeeping(slug: string, client: QueryClientContract = db.connection()) {
  const runtime = quote(roleNameFor(slug))
  const schema = quote(schemaNameFor(slug))
  for (const table of BOOKKEEPING_TABLES) {
    const found = await client.rawQuery('select to_regclass(?) as name', [`${schema}.${table}`])
    if (found.rows[0].name) await client.rawQuery(`revoke all on ${schema}.${quote(table)} from ${runtime}`)
  }
}

/**
 * Refuses to provision over what a dropped tenant or database left behind,
 * saying exactly what to run. Roles are cluster-wide: after `dropdb`, the
 * roles of its tenants remain, owning nothing here; those are simply reused.
 */
export async function assertNoLeftovers(slug: string) {
  const schema = schemaNameFor(slug)
  const database = settings.database.name
  const found = await db.rawQuery('select 1 from pg_namespace where nspname = ?', [schema])
  if (found.rowCount) {
    throw new errors.E_TENANT_EXISTS(
      `Schema ${schema} exists without a registry row: bring it back with "node ace tenant:restore <backup>" after removing it, ` +
        `or remove it with: psql -d ${database} -c 'DROP SCHEMA ${quote(schema)} CASCADE'`
    )
  }
  for (const role of [ownerRoleNameFor(slug), roleNameFor(slug)]) {
    const owned = await db.rawQuery(
      `select count(*)::int as total from pg_shdepend d join pg_roles r on r.oid = d.refobjid
        where r.rolname = ? and d.deptype = 'o' and d.dbid = (select oid from pg_database where datname = current_database())`,
      [role]
    )
    if (owned.rows[0].total) {
      throw new errors.E_TENANT_EXISTS(
        `Role ${role} owns objects in database ${database} without a registry row: remove them with: ` +
          `psql -d ${database} -c 'DROP OWNED BY ${quote(role)}; DROP ROLE ${quote(role)}'`
      )
    }
  }
}

/** Drops the tenant's roles and whatever they still own or were granted (after the schema is gone). */
export async function dropTenantRoles(slug: string, client: QueryClientContract = db.connection()) {
  for (const role of [roleNameFor(slug), ownerRoleNameFor(slug)]) {
    const exists = await client.rawQuery('select 1 from pg_roles where rolname = ?', [role])
    if (!exists.rowCount) continue
    await client.rawQuery(`drop owned by ${quote(role)}`)
    await client.rawQuery(`drop role ${quote(role)}`)
  }
}
