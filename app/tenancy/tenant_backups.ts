import { spawn } from 'node:child_process'
import { mkdir, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import pg from 'pg'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { errors } from '#core/errors'
import { settings } from '#core/settings'
import type Tenant from '#tenancy/tenant'
import type { TenantKind } from '#tenancy/naming'

/**
 * Backups of one tenant: a custom-format pg_dump of its schema that carries
 * its registry row (as the schema's comment), so `tenant:restore` needs
 * nothing but the file to bring a dropped tenant back.
 */

const quote = pg.escapeIdentifier
const MARK = 'krai-tenant'

/** What a backup remembers of the registry row. */
export interface BackedUpTenant {
  slug: string
  kind: TenantKind
  nameRu: string
  nameEn: string
  hosts: string[]
  schemaName: string
}

/** Runs pg_dump or pg_restore; rejects with `failure` and the tool's own last line. */
function runPostgresTool(path: string, args: string[], failure: (reason: string) => Error): Promise<string> {
  const connection = [
    `--host=${settings.database.host}`,
    `--port=${settings.database.port}`,
    `--username=${settings.database.user}`,
    '--no-password',
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(path, [...connection, ...args], { env: { ...process.env, PGPASSWORD: settings.database.password } })
    let output = ''
    let errorOutput = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (errorOutput += chunk))
    child.on('error', (error) => reject(failure(`cannot run ${path}: ${error.message}`)))
    child.on('close', (code) => {
      const lastLine = errorOutput.trim().split('\n').pop() ?? ''
      code === 0 ? resolve(output) : reject(failure(`${path} exited with ${code}: ${lastLine}`))
    })
  })
}

/** Writes the dump; returns its path. */
export async function backupTenant(tenant: Tenant): Promise<string> {
  const directory = isAbsolute(settings.backupDir) ? settings.backupDir : app.makePath(settings.backupDir)
  await mkdir(directory, { recursive: true })
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
  const file = join(directory, `${settings.database.name}-${tenant.slug}-${stamp}.dump`)

  const registry: BackedUpTenant & { mark: string } = {
    mark: MARK,
    slug: tenant.slug,
    kind: tenant.kind,
    nameRu: tenant.nameRu,
    nameEn: tenant.nameEn,
    hosts: tenant.hosts,
    schemaName: tenant.schemaName,
  }
  await db.rawQuery(`comment on schema ${quote(tenant.schemaName)} is ${pg.escapeLiteral(JSON.stringify(registry))}`)
  const failed = (reason: string) => new errors.E_BACKUP_FAILED(`pg_dump failed (${reason}); nothing was dropped`)
  await runPostgresTool(settings.pgDumpPath, ['--format=custom', `--schema=${tenant.schemaName}`, `--file=${file}`, settings.database.name], failed)
  if (!(await stat(file)).size) throw failed(`it wrote an empty file ${file}`)
  return file
}

/** The registry row a backup carries (read without restoring anything). */
export async function readBackup(file: string): Promise<BackedUpTenant> {
  const unreadable = (reason: string) => new errors.E_RESTORE_FAILED(`Cannot read backup ${file}: ${reason}`)
  await stat(file).catch(() => {
    throw unreadable('no such file')
  })
  const sql = await runPostgresTool(settings.pgRestorePath, ['--schema-only', '--file=-', file], unreadable)
  const comment = /^COMMENT ON SCHEMA (\S+) IS '((?:[^']|'')*)';$/m.exec(sql)
  let registry: (BackedUpTenant & { mark?: string }) | null = null
  try {
    registry = comment ? JSON.parse(comment[2].replace(/''/g, "'")) : null
  } catch {}
  if (!registry || registry.mark !== MARK) throw unreadable('it is not a tenant backup written by tenant:drop')
  return registry
}

/** Restores the dump's schema as it was named; objects belong to the admin user until `adoptSchema`. */
export async function restoreSchema(file: string) {
  await runPostgresTool(
    settings.pgRestorePath,
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${settings.database.name}`, file],
    (reason) => new errors.E_RESTORE_FAILED(`pg_restore failed (${reason}); nothing was kept`)
  )
}

/** Gives the schema and every object in it to `owner` (a restore created them as the admin user). */
export async function adoptSchema(schemaName: string, owner: string) {
  await db.transaction(async (trx) => {
    const schema = quote(schemaName)
    const role = quote(owner)
    await trx.rawQuery(`alter schema ${schema} owner to ${role}`)
    await trx.rawQuery(`comment on schema ${schema} is null`)
    // Tables, views and sequences not tied to a column (ALTER TABLE moves a table's own sequences and indexes).
    const relations = await trx.rawQuery(
      `select c.relname, c.relkind from pg_class c
        where c.relnamespace = ?::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i') and c.relkind = 'S')`,
      [schemaName]
    )
    for (const { relname, relkind } of relations.rows as { relname: string; relkind: string }[]) {
      const kind = { v: 'view', m: 'materialized view', S: 'sequence', f: 'foreign table' }[relkind] ?? 'table'
      await trx.rawQuery(`alter ${kind} ${schema}.${quote(relname)} owner to ${role}`)
    }
    const functions = await trx.rawQuery(`select p.oid::regprocedure::text as signature from pg_proc p where p.pronamespace = ?::regnamespace`, [schemaName])
    for (const { signature } of functions.rows as { signature: string }[]) {
      await trx.rawQuery(`alter routine ${signature} owner to ${role}`)
    }
    const types = await trx.rawQuery(
      `select t.typname, t.typtype from pg_type t
        where t.typnamespace = ?::regnamespace and t.typtype in ('e', 'd', 'c', 'r') and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')`,
      [schemaName]
    )
    for (const { typname, typtype } of types.rows as { typname: string; typtype: string }[]) {
      await trx.rawQuery(`alter ${typtype === 'd' ? 'domain' : 'type'} ${schema}.${quote(typname)} owner to ${role}`)
    }
  })
}
